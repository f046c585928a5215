/// What a person records with a workflow action: the fields `Transition.requires` names.
public struct ActionInput: Sendable, Equatable {
    public var note: String = ""
    public var reason: String = ""
    public var closingBasis: ClosingBasis?
    public var callbackResult: CallbackResult?
    public var satisfaction: Int?
    public var promisedAt: Instant?
    public var reminderChannel: ReminderChannel?
    public var reminderTo: String = ""
    public var resolution: String = ""
    /// The standard reply script the note or contact was made from (docs/scripts.md).
    public var script: ScriptUse?

    /// Creates an input; every field is optional until an action requires it.
    public init(note: String = "", reason: String = "", closingBasis: ClosingBasis? = nil,
                callbackResult: CallbackResult? = nil, satisfaction: Int? = nil, promisedAt: Instant? = nil,
                reminderChannel: ReminderChannel? = nil, reminderTo: String = "", resolution: String = "",
                script: ScriptUse? = nil) {
        self.script = script
        self.note = note
        self.reason = reason
        self.closingBasis = closingBasis
        self.callbackResult = callbackResult
        self.satisfaction = satisfaction
        self.promisedAt = promisedAt
        self.reminderChannel = reminderChannel
        self.reminderTo = reminderTo
        self.resolution = resolution
    }

    /// Throws every required field that is empty and every text over its limit together, each
    /// named as the form names it (`basis`, `promised`).
    public func validate(for action: WorkflowAction) throws {
        var refusals = Refusals()
        for field in Workflow.row(action).requires {
            let present: Bool
            switch field {
            case .note: present = !note.trimmed.isEmpty
            case .reason: present = !reason.trimmed.isEmpty
            case .closingBasis: present = closingBasis != nil
            case .callbackResult: present = callbackResult != nil
            case .promisedAt: present = promisedAt != nil
            case .reminderChannel: present = reminderChannel != nil
            case .reminderTo: present = !reminderTo.trimmed.isEmpty
            }
            if !present { refusals.add(Refusal(.requiredFor(action: action, flag: field.rawValue), field: field.rawValue)) }
        }
        if let s = satisfaction { refusals.check { try DeskBounds.check(s, in: DeskBounds.satisfaction, field: "satisfaction") } }
        refusals.check { try script?.validate(for: action) }
        for (field, text) in [("note", note), ("reason", reason), ("to", reminderTo), ("resolution", resolution)] {
            refusals.check { try TextLimits.check(text, field: field) }
        }
        try refusals.throwIfAny()
    }
}

extension String {
    /// Without leading and trailing white space. Returns `self` untouched in the common case
    /// (Foundation's trimmingCharacters costs a bridge and a copy on every call: a quarter of a
    /// million-row import).
    var trimmed: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        // ASCII ends are decided without the Unicode property table (a lookup per call showed in import profiles).
        @inline(__always) func asciiSpace(_ v: UInt32) -> Bool { v == 32 || (v >= 9 && v <= 13) }
        if first.value > 32 && first.value < 0x7F && last.value > 32 && last.value < 0x7F { return self }
        if !(first.value < 0x80 ? asciiSpace(first.value) : first.properties.isWhitespace)
            && !(last.value < 0x80 ? asciiSpace(last.value) : last.properties.isWhitespace) { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end && scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start && scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

import Foundation
