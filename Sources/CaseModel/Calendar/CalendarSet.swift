import Foundation

/// The named calendars a desk works with: the shipped defaults, extended or overridden by the
/// `*.cal` files in a user directory.
///
/// Loading happens in two layers. The shipped files form the first; the user's files the
/// second. A user file with the same file name as a shipped one (`business.cal`, written out by
/// the console for editing) replaces it. Within a layer, files naming the same calendar merge
/// and must not contradict each other; across layers, the user's `timezone` and `weekly` lines
/// replace the shipped ones, covered years add up, and dated lines override date by date.
public struct CalendarSet: Sendable {
    /// The calendars by name.
    public let calendars: [String: WorkCalendar]

    /// The shipped defaults, built once per process (the tables take a few milliseconds each).
    public static let defaults: CalendarSet = {
        do { return try CalendarSet(layers: [DefaultCalendarFiles.files()]) } catch {
            fatalError("shipped calendar files are invalid: \(error)")
        }
    }()

    /// Builds calendars from layers of files, later layers overriding earlier ones.
    public init(layers: [[CalendarSourceFile]]) throws {
        var merged = CalendarLayer()
        for files in layers {
            var layer = CalendarLayer()
            for file in files { try CalendarFileParser.parse(file.text, fileName: file.name, into: &layer) }
            merged = merged.overlaying(layer)
        }
        calendars = try merged.definitions().mapValues(WorkCalendar.init)
    }

    /// The shipped defaults plus the `*.cal` files of `directory` (in name order); a missing
    /// directory means just the defaults.
    public static func load(userDirectory directory: URL?) throws -> CalendarSet {
        guard let directory, FileManager.default.fileExists(atPath: directory.path) else { return defaults }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".cal") }
            .sorted()
        guard !names.isEmpty else { return defaults }
        var user: [CalendarSourceFile] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let text: String
            do { text = try TextFile.read(url.path) ?? "" } catch let e as TextFile.Failure {
                throw CalendarFileError(file: name, line: e.line, message: e.message)
            }
            user.append(CalendarSourceFile(name: name, text: text))
        }
        let replaced = Set(names)
        let shipped = DefaultCalendarFiles.files().filter { !replaced.contains($0.name) }
        return try CalendarSet(layers: [shipped, user])
    }

    /// The calendar with this name, or nil.
    public subscript(name: String) -> WorkCalendar? { calendars[name] }

    /// The calendar names, sorted.
    public var names: [String] { calendars.keys.sorted() }
}
