/// One choice of a choice field: the stable code the command receives and the label people read.
public struct FormChoice: Sendable, Equatable {
    public var code: String
    public var label: String
    /// Creates a choice.
    public init(_ code: String, _ label: String) { self.code = code; self.label = label }
}

/// A field of a keyboard form: text, a number, a choice list or a yes/no flag.
public struct FormField: Sendable, Equatable {
    /// What the field holds and how keys change it.
    public enum Kind: Sendable, Equatable { case text, number, choice([FormChoice]), flag }

    /// The name commands and validation messages use (`reason`, `promised`, `phone`).
    public var id: String
    public var label: String
    public var kind: Kind
    /// The text; for a choice its code; for a flag "1" or "".
    public var value: String
    public var required: Bool
    /// A validation message drawn beside the field (the app's own checks).
    public var error: String?
    /// A note drawn beside the field when there is no error (a format, a consequence).
    public var hint: String?
    public var maxLength: Int

    /// Creates a field.
    public init(_ id: String, _ label: String, _ kind: Kind = .text, value: String = "", required: Bool = false,
                hint: String? = nil, maxLength: Int = 500) {
        self.id = id; self.label = label; self.kind = kind; self.value = value; self.required = required
        self.hint = hint; self.maxLength = maxLength
    }

    /// The value as shown: a choice's label, a flag's box, else the text.
    public func shown(ascii: Bool = false) -> String {
        switch kind {
        case .choice(let choices): return choices.first { $0.code == value }?.label ?? value
        case .flag: return value.isEmpty ? "[ ]" : "[x]"
        default: return value
        }
    }
}

/// A keyboard form: fields in Tab order, choice lists, text measured in display cells, validation
/// messages beside the fields and an optional confirmation before it is sent. `Purpose` is what
/// the app will do with the filled form (the command it becomes); the widget only carries it.
///
/// Keys are read directly (not through the key map), so a remapped key can never trap someone in
/// a form: Esc cancels, Enter sends, Tab/Shift-Tab (or ↓/↑) move, ←/→ or Space change a choice.
public struct Form<Purpose: Sendable & Equatable>: Sendable, Equatable {
    public var purpose: Purpose
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    /// Asked after a valid Enter (close, withdraw, archive); nil sends at once.
    public var confirmText: String?
    /// The confirmation is showing: y/Enter sends, n/Esc goes back to the fields.
    public var confirming = false
    /// The person said yes to the confirmation (reset when a field changes).
    public var confirmed = false
    /// A message for the whole form (not permitted, not found).
    public var error: String?
    /// Lines shown above the fields (what the action does, the case it is for).
    public var intro: [String] = []

    /// Creates a form.
    public init(purpose: Purpose, title: String, fields: [FormField], confirmText: String? = nil, intro: [String] = []) {
        self.purpose = purpose; self.title = title; self.fields = fields; self.confirmText = confirmText; self.intro = intro
    }

    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case none
        /// A field's value changed (intake looks up repeat suggestions).
        case changed(String)
        /// The focus left a field (intake checks the field just left).
        case left(String)
        case submit
        case cancel
    }

    /// The value of a field by id ("" when there is no such field).
    public func value(_ id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    /// Sets a field's value.
    public mutating func set(_ id: String, _ value: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].value = value }
    }

    /// The focused field.
    public var focused: FormField? { fields[safe: focus] }

    /// Clears every message, then puts `message` beside `fieldID` (or on the form when no field
    /// has that id) and moves the focus there.
    public mutating func showError(_ message: String, field fieldID: String?) {
        for i in fields.indices { fields[i].error = nil }
        error = nil
        confirming = false
        if let fieldID, let i = fields.firstIndex(where: { $0.id == fieldID }) {
            // Beside the field its name is said already ("phone: …" → "…").
            fields[i].error = message.hasPrefix(fieldID + ": ") ? String(message.dropFirst(fieldID.count + 2)) : message
            focus = i
        } else {
            error = message
        }
    }

    /// Checks that every required field has a value; marks the first empty one with
    /// `requiredMessage` ("必填", "required"). True when complete.
    public mutating func checkRequired(requiredMessage: String) -> Bool {
        for i in fields.indices { fields[i].error = nil }
        error = nil
        for (i, f) in fields.enumerated() where f.required && f.value.trimmingSpaces.isEmpty {
            fields[i].error = requiredMessage
            focus = i
            return false
        }
        return true
    }

    /// Applies a key.
    public mutating func handle(_ key: Key) -> Outcome {
        if confirming {
            switch key {
            case .char("y"), .char("Y"), .enter: confirming = false; confirmed = true; return .submit
            case .char("n"), .char("N"), .escape: confirming = false; return .none
            default: return .none
            }
        }
        switch key {
        case .escape: return .cancel
        case .enter: return .submit
        case .tab, .down, .backTab, .up:
            let from = focused?.id ?? ""
            move(key == .tab || key == .down ? 1 : -1)
            return .left(from)
        default:
            guard let f = focused else { return .none }
            switch f.kind {
            case .choice(let choices):
                guard !choices.isEmpty else { return .none }
                let i = choices.firstIndex { $0.code == f.value } ?? 0
                var delta = 0
                switch key {
                case .right, .char(" "): delta = 1
                case .left: delta = -1
                case .char(let c):
                    // A letter jumps to the next choice whose code or label starts with it.
                    let target = String(c).lowercased()
                    for k in 1...choices.count {
                        let cand = choices[(i + k) % choices.count]
                        if cand.code.lowercased().hasPrefix(target) || cand.label.hasPrefix(target) { delta = k; break }
                    }
                case .backspace, .delete:
                    if let blank = choices.firstIndex(where: { $0.code.isEmpty }) { delta = blank - i }
                default: return .none
                }
                if delta == 0 { return .none }
                fields[focus].value = choices[((i + delta) % choices.count + choices.count) % choices.count].code
                fields[focus].error = nil
                return .changed(f.id)
            case .flag:
                switch key {
                case .char(" "), .left, .right, .char("y"), .char("n"), .char("x"):
                    if key == .char("y") || key == .char("x") { fields[focus].value = "1" }
                    else if key == .char("n") { fields[focus].value = "" }
                    else { fields[focus].value = f.value.isEmpty ? "1" : "" }
                    return .changed(f.id)
                default: return .none
                }
            case .text, .number:
                switch key {
                case .backspace, .delete:
                    guard !f.value.isEmpty else { return .none }
                    fields[focus].value.removeLast()
                case .ctrl("u"):
                    fields[focus].value = ""
                case .char(let c):
                    if case .number = f.kind, !(c.isASCII && (c.isNumber || c == ".")) { return .none }
                    guard f.value.count < f.maxLength else { return .none }
                    fields[focus].value.append(c)
                default: return .none
                }
                fields[focus].error = nil
                return .changed(f.id)
            }
        }
        return .none
    }

    private mutating func move(_ delta: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + delta + fields.count) % fields.count
    }
}

extension String {
    /// Without spaces at either end (forms compare "empty" after this).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
