import Foundation

/// The stable JSON form of a case (`list --json`, `show --json`, `export --format json`).
///
/// Keys are snake_case and sorted; the intake keys are the same as `CaseDraft`'s, so an export
/// can be imported again. Personal data is masked unless `reveal` is set: the complainant's
/// fields, and identifiers written into the free text (docs/personal-data.md).
public enum CaseJSON {
    /// A case as a JSON-ready dictionary.
    public static func object(_ c: ComplaintCase, reveal: Bool = false) -> [String: Any] {
        var out: [String: Any] = [:]
        out.reserveCapacity(CaseFields.keys.count)
        for (key, value) in zip(CaseFields.keys, CaseFields.values(of: c, reveal: reveal)) { out[key] = value.any }
        return out
    }

    /// An event as a JSON-ready dictionary (its details as stored: pass it through a `Disclosure`
    /// first); without `id` when the reader does not see chain positions (id 0, `EventVisibility`).
    public static func object(_ e: CaseEvent) -> [String: Any] {
        var o: [String: Any] = [
            "case": e.caseNumber ?? NSNull(), "at": DeskTime.standard.format(e.at), "actor": e.actor,
            "action": e.action, "from_status": e.fromStatus?.rawValue ?? NSNull(),
            "to_status": e.toStatus?.rawValue ?? NSNull(), "detail": e.detail,
        ]
        if e.id != 0 { o["id"] = e.id }
        return o
    }

    /// Serialises with keys sorted by their bytes (stable output).
    public static func text(_ value: Any, pretty: Bool = false) -> String {
        JSONText.write(value, pretty: pretty)
    }
}
