/// How much personal data a reader is shown: masked (the default everywhere), or revealed after
/// an audited reveal or an unmasked export by a permitted role with a reason.
///
/// Every display of a case, its timeline, the audit trail, crisis texts and alert messages goes
/// through one of these, so a structured field, the same number typed into a note, and the same
/// number in an event's before → after all look alike (docs/personal-data.md).
public enum Disclosure: Sendable, Equatable {
    case masked, revealed

    /// `.revealed` when `revealed`, else `.masked`.
    public init(revealed: Bool) { self = revealed ? .revealed : .masked }

    /// What a reader of the audit trail sees of an event on a case of `track`: revealed only to a
    /// role that may reveal personal data there (on report cases, the report track's table).
    public static func auditReader(_ role: Role?, track: CaseTrack) -> Disclosure {
        Disclosure(revealed: Permissions.allows(role, .reveal, track: track))
    }

    /// A complainant's name.
    public func name(_ s: String) -> String { self == .revealed ? s : Masking.maskName(s) }

    /// A phone, ID, policy, claim or account number.
    public func identifier(_ s: String) -> String { self == .revealed ? s : Masking.maskIdentifier(s) }

    /// Free text (summary, details, demand, notes, reasons, resolution, crisis texts, messages).
    public func text(_ s: String) -> String { self == .revealed ? s : Masking.maskText(s) }

    /// An event with its details shown at this level.
    public func event(_ e: CaseEvent) -> CaseEvent {
        var out = e
        out.detail = detail(e.detail)
        return out
    }

    /// An event's `key → value` details: personal-data fields masked as structured fields (a
    /// keyed digest, however it is written, only as "(changed)"), every other value as free text.
    public func detail(_ d: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in d {
            if let field = EventDetailField.personal(key) {
                out[key] = personal(value, field)
            } else if self == .revealed || EventDetailField.figures.contains(key) {
                out[key] = value
            } else {
                out[key] = Masking.maskText(value)
            }
        }
        return out
    }

    /// A crisis event's texts (title, reasons, result, analysis, lessons, filed reports) at this level.
    public func crisisEvent(_ e: CrisisEvent) -> CrisisEvent {
        guard self == .masked else { return e }
        var out = e
        out.title = text(e.title)
        out.dismissedReason = e.dismissedReason.map(text)
        out.finalResult = e.finalResult.map(text)
        out.causeAnalysis = e.causeAnalysis.map(text)
        out.lessons = e.lessons.map(text)
        out.reports = e.reports.map { r in
            var m = r
            m.text = text(r.text)
            m.toWhom = text(r.toWhom)
            return m
        }
        return out
    }

    /// One personal-data value, or a `before → after` pair of them.
    private func personal(_ value: String, _ field: EventDetailField) -> String {
        let sides = value.components(separatedBy: " → ")
        if sides.contains(where: EventDetailField.isDigest) { return sides.count > 1 ? "(changed)" : "(recorded)" }
        guard self == .masked else { return value }
        return sides.map { side in
            side.isEmpty ? side : field == .name ? Masking.maskName(side) : Masking.maskIdentifier(side)
        }.joined(separator: " → ")
    }
}

/// Which event detail keys hold personal data, and what a stored digest of one looks like.
enum EventDetailField: Equatable {
    case name, identifier

    /// The personal-data field a detail key names: `complainant.phone` (a change recorded by field),
    /// `phone`, `id_number`, `bankAccount`, and the same with a digest suffix (`phone_digest`).
    static func personal(_ key: String) -> EventDetailField? {
        var k = key.lowercased().filter { $0.isLetter || $0.isNumber }
        let named = k.hasPrefix("complainant")
        if named { k.removeFirst("complainant".count) }
        let stems: [(String, EventDetailField)] = [("phone", .identifier), ("idnumber", .identifier), ("policynumber", .identifier),
                                                    ("claimnumber", .identifier), ("bankaccount", .identifier), ("name", .name)]
        for (stem, field) in stems where k.hasPrefix(stem) {
            let rest = k.dropFirst(stem.count)
            if rest.isEmpty || digestSuffixes.contains(String(rest)) { return field }
        }
        return nil
    }

    static let digestSuffixes: Set<String> = ["digest", "hash", "hmac", "mac", "sha256", "keyed", "fingerprint"]

    /// Keys whose values are figures the desk computed, never text a person typed.
    static let figures: Set<String> = ["premium", "claim_reports", "policies_new", "policies_in_force", "insured_persons",
                                       "count", "created", "updated", "unchanged", "rejected", "examined", "changed", "seed"]

    /// Whether a stored value is a digest rather than the value itself: a tagged digest
    /// (`hmac:…`, `sha256-…`), or a long run of hex or base64 that no identifier is.
    static func isDigest(_ v: String) -> Bool {
        let s = v.trimmingCharacters(in: .whitespaces).lowercased()
        for tag in ["hmac", "sha256", "sha-256", "digest", "keyed", "mac", "hash"] {
            if s.hasPrefix(tag + ":") || s.hasPrefix(tag + "-") || s.hasPrefix(tag + "=") { return true }
        }
        let hex = s.allSatisfy { $0.isHexDigit }
        if hex && s.count >= 32 { return true }
        let base64 = s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "+/=_-".contains($0) }
        return base64 && s.count >= 40 && s.contains(where: \.isLetter)
    }
}

import Foundation
