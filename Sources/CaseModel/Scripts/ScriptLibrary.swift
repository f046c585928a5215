import Foundation

/// The scripts a desk offers: the shipped defaults, with the desk's own files added or put in
/// their place (docs/scripts.md).
///
/// A script is keyed by id and language. A desk file with the key of a shipped script replaces
/// it, whatever the two version numbers say: the desk's file is what the desk decided to say (a
/// lower version than the shipped one is reported by `console scripts check`, since it is most
/// likely an edited copy of an older release). Two desk files with the same key are refused,
/// naming both: which one the desk meant cannot be guessed.
public struct ScriptLibrary: Sendable, Equatable {
    /// Every script, by id then language.
    public let scripts: [ReplyScript]
    /// Shipped scripts a desk file replaced: (the desk's, the shipped one).
    public let replaced: [(desk: ReplyScript, shipped: ReplyScript)]

    public static func == (a: ScriptLibrary, b: ScriptLibrary) -> Bool {
        a.scripts == b.scripts && a.replaced.map(\.desk) == b.replaced.map(\.desk)
    }

    /// The shipped defaults alone (parsed once per process; a test parses every one).
    public static let shipped: ScriptLibrary = {
        do { return try ScriptLibrary(shipped: DefaultScripts.parsed(), desk: []) } catch {
            fatalError("shipped scripts are invalid: \(error)")
        }
    }()

    /// Layers the desk's scripts over the shipped ones.
    public init(shipped: [ReplyScript], desk: [ReplyScript]) throws {
        var byKey: [String: ReplyScript] = [:]
        for s in shipped { byKey[Self.key(s)] = s }
        var deskSeen: [String: ReplyScript] = [:]
        var errors: [ScriptFileError] = []
        var replaced: [(ReplyScript, ReplyScript)] = []
        for s in desk {
            let k = Self.key(s)
            if let other = deskSeen[k] {
                errors.append(ScriptFileError(file: s.source.file, line: s.source.line,
                                              message: "script \(s.id) (\(s.language)) is also defined in \(other.source): keep one file per script and language"))
                continue
            }
            deskSeen[k] = s
            if let old = byKey[k], old.source.shipped { replaced.append((s, old)) }
            byKey[k] = s
        }
        if !errors.isEmpty { throw ScriptFileErrors(errors) }
        scripts = byKey.values.sorted { ($0.id, $0.language) < ($1.id, $1.language) }
        self.replaced = replaced.sorted { $0.0.id < $1.0.id }
    }

    private static func key(_ s: ReplyScript) -> String { s.id + "\u{1}" + s.language }

    /// The shipped defaults and the `*.md` files of `directory` (nil or missing: the defaults).
    public static func load(directory: String?) throws -> ScriptLibrary {
        guard let directory, FileManager.default.fileExists(atPath: directory) else { return shipped }
        return try ScriptLibrary(shipped: shipped.scripts, desk: try readDirectory(directory))
    }

    /// Parses every `*.md` file of a directory (in name order), collecting every problem: a
    /// desk fixing its files sees them all at once. Hidden files and subdirectories are skipped.
    public static func readDirectory(_ directory: String) throws -> [ReplyScript] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ScriptFileErrors([ScriptFileError(file: directory, line: 0, message: "cannot be read as a directory of scripts")])
        }
        var out: [ReplyScript] = []
        var errors: [ScriptFileError] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            do {
                out.append(try readFile(path))
            } catch let e as ScriptFileError {
                errors.append(e)
            }
        }
        if !errors.isEmpty { throw ScriptFileErrors(errors) }
        return out
    }

    /// One file, read as strict UTF-8 (`TextFile`) and bounded in size.
    public static func readFile(_ path: String) throws -> ReplyScript {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > ScriptFileParser.maxFileBytes {
            throw ScriptFileError(file: path, line: 0, message: "larger than \(ScriptFileParser.maxFileBytes / 1024) KiB: a script is a few paragraphs")
        }
        let text: String
        do {
            guard let t = try TextFile.read(path) else { throw ScriptFileError(file: path, line: 0, message: "no such file") }
            text = t
        } catch let e as TextFile.Failure {
            throw ScriptFileError(file: path, line: e.line, message: e.message)
        }
        return try ScriptFileParser.parse(text, file: path)
    }

    /// Every language version of a script id, by language.
    public func versions(of id: String) -> [ReplyScript] { scripts.filter { $0.id == id } }

    /// The script with this id in `language`, else in Chinese (the desk's language), else any.
    public func script(_ id: String, language: String?) -> ReplyScript? {
        let all = versions(of: id)
        return all.first { $0.language == language } ?? all.first { $0.language == "zh" } ?? all.first
    }

    /// The ids, sorted.
    public var ids: [String] { Array(Set(scripts.map(\.id))).sorted() }
}
