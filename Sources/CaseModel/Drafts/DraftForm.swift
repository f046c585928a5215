/// Which form a draft keeps: the intake form, an action on one case, or a crisis form.
///
/// Its `key` is what the `drafts` table stores (one draft per user and key): `intake`,
/// `case:TS-20260217-0042:close`, `crisis:3:report`, `crisis:new:propose` (docs/drafts.md).
public enum DraftForm: Sendable, Hashable {
    /// A new complaint being taken in.
    case intake
    /// An action on one case (`close`, `extend`, `note`, `severity`, `validity`…).
    case caseAction(number: String, action: String)
    /// A crisis form: on an event, or a new proposal (`event` nil).
    case crisis(event: Int64?, action: String)

    /// The stored key.
    public var key: String {
        switch self {
        case .intake: "intake"
        case let .caseAction(number, action): "case:\(number):\(action)"
        case let .crisis(event, action): "crisis:\(event.map(String.init) ?? "new"):\(action)"
        }
    }

    /// The case the draft is about, if any.
    public var caseNumber: String? {
        if case let .caseAction(number, _) = self { return number }
        return nil
    }

    /// Reads a stored key; nil for anything else.
    public init?(key: String) {
        if key == "intake" { self = .intake; return }
        let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[2].isEmpty, DraftForm.isName(parts[2]) else { return nil }
        switch parts[0] {
        case "case":
            guard !parts[1].isEmpty, parts[1].count <= 40, DraftForm.isName(parts[1]) else { return nil }
            self = .caseAction(number: parts[1], action: parts[2])
        case "crisis":
            if parts[1] == "new" { self = .crisis(event: nil, action: parts[2]); return }
            guard let id = Int64(parts[1]), id > 0 else { return nil }
            self = .crisis(event: id, action: parts[2])
        default: return nil
        }
    }

    /// A case number or an action name: letters, digits and `-`, at most 40.
    static func isName(_ s: String) -> Bool {
        s.count <= 40 && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" }
    }
}
