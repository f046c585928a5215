import CaseModel
import TerminalKit

/// The shape of every form's fields, decided in one place whoever built the form: texts people
/// write at length take several lines (Enter breaks the line, C-s saves), every text field holds
/// what CaseModel's `TextLimits` allows (the CLI's limits, never fewer), and the confirmation of
/// an irreversible action takes only C-y (docs/console-input.md).
enum FormShapes {
    /// Fields people write prose in, and the rows each shows.
    static let multilineRows: [String: Int] = [
        "summary": 3, "details": 4, "demand": 2, "note": 3, "reason": 3, "resolution": 3,
        "text": 4, "cause": 3, "lessons": 3, "final_result": 3,
    ]

    /// Shapes the open form (idempotent; run after every event).
    static func apply(_ form: inout Form?) {
        guard var f = form else { return }
        var changed = false
        for i in f.fields.indices where f.fields[i].kind == .text {
            let id = f.fields[i].id
            if let limit = TextLimits.limit(for: id), f.fields[i].maxLength != limit {
                f.fields[i].maxLength = limit
                changed = true
            }
            if let rows = multilineRows[id], !f.fields[i].multiline {
                f.fields[i].multiline = true
                f.fields[i].rows = rows
                changed = true
            }
        }
        let explicit = irreversible(f.purpose)
        if f.confirmNeedsExplicitKey != explicit { f.confirmNeedsExplicitKey = explicit; changed = true }
        if changed { form = f }
    }

    /// Actions that cannot be taken back: their confirmation needs C-y.
    static func irreversible(_ p: FormPurpose) -> Bool {
        switch p {
        case .action(_, let action, _): return action == .withdraw || action == .close
        case .crisisClose, .crisisArchive: return true
        default: return false
        }
    }
}
