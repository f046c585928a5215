import Foundation

/// One operation a writer attempted, and what it believed happened.
///
/// Written as one JSON line the moment the operation returns, so the checker can compare
/// beliefs with the file afterwards: every `ok` must be in the file, every refusal must have
/// named what it refused and left nothing behind.
struct ChaosEntry: Codable {
    /// Which writer process.
    var worker: Int
    /// The writer's operation counter.
    var seq: Int
    /// `intake`, `act:<action>`, `assign`, `import`, `ack`.
    var op: String
    /// The cases the operation touched (numbers), or the import's source refs.
    var cases: [String] = []
    /// The version each case had after the operation (ok only; `act` only).
    var versions: [Int] = []
    /// A unique text stored with the change (note, summary), to find it in the file.
    var marker: String = ""
    /// `ok`, `conflict`, `busy`, `illegal` (a transition another writer made impossible), `nothing` (no-op), `error`.
    var outcome: String
    /// The error message for a refusal.
    var message: String = ""
    /// The acting user.
    var actor: String = ""
    /// Seconds the operation took.
    var seconds: Double = 0
}

/// Appends entries to a JSON-lines file with one `write(2)` per line (unbuffered: a killed
/// writer loses at most the line it was writing).
final class ChaosLog {
    private let fd: Int32
    private let encoder = JSONEncoder()

    /// Opens `path` for appending, creating it.
    init(path: String) {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if fd < 0 { ChaosTool.fail("\(path): cannot open the log: \(String(cString: strerror(errno)))") }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit { close(fd) }

    /// Writes one entry as a line.
    func append(_ e: ChaosEntry) {
        guard var data = try? encoder.encode(e) else { return }
        data.append(0x0A)
        data.withUnsafeBytes { p in _ = write(fd, p.baseAddress, p.count) }
    }

    /// Reads every complete line of a log (a torn last line is skipped).
    static func read(_ path: String) -> [ChaosEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(ChaosEntry.self, from: Data($0)) }
    }
}
