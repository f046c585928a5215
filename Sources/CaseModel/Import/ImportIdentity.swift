/// How a case's source identity (`source_ref`, and the `import_keys` a mapped import remembers)
/// is stored, per track.
///
/// Both are unique keys. If a report case 举报件 and a general case shared one key space, a team
/// lead importing a row whose source id happened to be a report case's would be told "already
/// imported" (or would update the report case): the key would answer for a case the lead cannot
/// see. So a report case's keys live in their own space, marked with a prefix no source id can
/// carry (a control character, refused in every source id), and each reader looks only in the
/// spaces of the tracks they may see (docs/access-control.md).
enum ImportIdentity {
    /// The prefix of the report track's key space.
    static let reportPrefix = "\u{1}report\u{1}"

    /// The stored form of a case's `source_ref`.
    static func storedRef(_ ref: String?, kind: CaseKind) -> String? {
        guard let ref else { return nil }
        return kind == .report ? reportPrefix + ref : ref
    }

    /// The `source_ref` as read back (the prefix removed).
    static func visibleRef(_ stored: String?) -> String? {
        guard let stored, stored.hasPrefix(reportPrefix) else { return stored }
        return String(stored.dropFirst(reportPrefix.count))
    }

    /// The `import_keys.source` under which a mapped source's rows of a track are remembered.
    static func keySource(_ source: String, kind: CaseKind) -> String {
        kind == .report ? reportPrefix + source : source
    }

    /// Whether a source id or reference carries a control character (which the key spaces reserve).
    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// The refusal for a report case in a bulk import by someone who may not see report cases.
    static let reportRowRefusal = "a report case (举报件) is imported only by the president's office: pass it to them, or take it in with `console add`"
}
