/// A field's value map (`map Web -> web`) and what happens to a value it does not list.
public struct ValueMap: Sendable {
    /// What to do with a non-empty source value the map does not list.
    public enum Unmapped: Sendable, Equatable {
        /// Pass it through (our own codes and Chinese/English labels are accepted as they are).
        case keep
        /// Refuse the row, naming the value.
        case reject
        /// Use this value instead.
        case use(String)
    }

    /// Source value → our value, as written in the mapping file (source values trimmed).
    public private(set) var entries: [(source: String, target: String)] = []
    public var unmapped: Unmapped = .keep
    private var exact: [String: String] = [:]
    private var folded: [String: String] = [:]

    /// An empty map that keeps every value.
    public init() {}

    /// Whether the map lists anything.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds an entry; returns false if `source` is already listed.
    public mutating func add(_ source: String, _ target: String) -> Bool {
        let key = source.trimmed
        guard exact[key] == nil else { return false }
        entries.append((key, target))
        exact[key] = target
        // Case-insensitive second chance (`WEB`, `web`), but an exact entry always wins.
        let fold = key.lowercased()
        if folded[fold] == nil { folded[fold] = target }
        return true
    }

    /// The mapped value, or nil when the map does not list `value` (trimmed).
    @inline(__always)
    public func lookup(_ value: String) -> String? {
        if let v = exact[value] { return v }
        if folded.isEmpty { return nil }
        return folded[value.lowercased()]
    }
}
