import CaseModel
import TerminalKit

/// What a form is for, with what the command needs beyond the fields (the case, the version the
/// person saw, the crisis event). The screen that opened the form turns it into its request
/// (`CaseActions.request`, `CrisisForms.request`, `IntakeForm.request`).
public enum FormPurpose: Sendable, Equatable {
    case intake
    /// A workflow action on a case at the version shown.
    case action(number: String, action: WorkflowAction, version: Int)
    case severity(number: String, version: Int)
    case linkRepeat(number: String)
    case validity(number: String)
    /// Declare a crisis from a case: its proposed event when it has one, else propose and declare.
    case declareFromCase(number: String, eventID: Int64?)
    case reveal(number: String)
    /// A note or contact made from a reply script: recorded with the script's id and version,
    /// and whether the saved text differs from the filled wording (docs/scripts.md).
    case scripted(number: String, action: WorkflowAction, version: Int, script: ScriptUse, filled: String)
    /// The incoming lead acknowledges the shift handover (docs/handover.md).
    case handoverAck
    /// Roster planning (docs/roster.md): a new shift, a shift moved, a shift removed.
    case shiftAdd
    case shiftMove(id: Int64)
    case shiftRemove(id: Int64)
    case crisisPropose
    case crisisDeclare(id: Int64)
    case crisisDismiss(id: Int64)
    case crisisReport(id: Int64)
    case crisisClose(id: Int64)
    case crisisArchive(id: Int64)
}

/// Another console saved the case first: who, when; nothing of ours was written.
public struct ConflictInfo: Sendable, Equatable {
    public var number: String
    /// The display name when the roster knows it (王敏), else the login.
    public var changedBy: String
    public var changedAt: Instant
    /// Creates the info.
    public init(number: String, changedBy: String, changedAt: Instant) {
        self.number = number; self.changedBy = changedBy; self.changedAt = changedAt
    }
}

/// Another console saved the case first; raised by a data source so the screen can say who and when.
public struct CaseConflict: Error, CustomStringConvertible {
    public var info: ConflictInfo
    /// Creates the error.
    public init(_ info: ConflictInfo) { self.info = info }
    public var description: String { "\(info.number) was changed by \(info.changedBy) at \(DeskTime.standard.short(info.changedAt))" }
}

/// Why an action cannot be started now.
struct Refusal: Error { var message: String; init(_ m: String) { message = m } }

/// A message for one field of a form.
struct FieldError: Error { var field: String; var message: String; init(_ f: String, _ m: String) { field = f; message = m } }
