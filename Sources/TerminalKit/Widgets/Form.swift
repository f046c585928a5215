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
    /// The most characters the field holds: typing stops there and a longer paste is refused
    /// whole, so nothing is ever cut without a word (the count shows beside a multi-line field).
    public var maxLength: Int
    /// Enter inserts a line break (summaries, details, notes, reasons); elsewhere Enter moves on.
    public var multiline = false
    /// Rows the field takes on screen (a multi-line field shows a window of its text).
    public var rows = 1
    /// Characters before the cursor; nil puts it at the end.
    public var cursor: Int?

    /// Creates a field.
    public init(_ id: String, _ label: String, _ kind: Kind = .text, value: String = "", required: Bool = false,
                hint: String? = nil, maxLength: Int = 500, multiline: Bool = false, rows: Int? = nil) {
        self.id = id; self.label = label; self.kind = kind; self.value = value; self.required = required
        self.hint = hint; self.maxLength = maxLength; self.multiline = multiline
        self.rows = rows ?? (multiline ? 3 : 1)
    }

    /// Whether the field takes text (a text or number field).
    public var takesText: Bool {
        switch kind {
        case .text, .number: return true
        default: return false
        }
    }

    /// The value with its cursor, for editing.
    public var editable: EditableText { EditableText(value, cursor: cursor) }

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
    /// The confirmation takes only C-y: the action is irreversible, and `y` or Enter could come
    /// from text typed or pasted by accident (docs/console-input.md).
    public var confirmNeedsExplicitKey = false
    /// The values the form opened with, by field id: a form differing from them has something
    /// typed, and closing it asks first.
    public var pristine: [String: String] = [:]

    /// Creates a form.
    public init(purpose: Purpose, title: String, fields: [FormField], confirmText: String? = nil, intro: [String] = []) {
        self.purpose = purpose; self.title = title; self.fields = fields; self.confirmText = confirmText; self.intro = intro
        markPristine()
    }

    /// Takes the current values as the form's starting point (after defaults are filled in).
    public mutating func markPristine() {
        pristine = Dictionary(fields.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether anything was typed or chosen since the form opened.
    public var isChanged: Bool { fields.contains { (pristine[$0.id] ?? "") != $0.value } }

    /// The values by field id (what a draft keeps).
    public var values: [String: String] { Dictionary(fields.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a }) }

    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case none
        /// A field's value changed (intake looks up repeat suggestions).
        case changed(String)
        /// The focus left a field (intake checks the field just left).
        case left(String)
        case submit
        /// Esc or C-c: the app closes the form, asking first when something was typed.
        case cancel
        /// A paste that was not taken, and why (nothing changed).
        case pasteRefused(PasteRefusal)
    }

    /// Why a paste was not put into the form.
    public enum PasteRefusal: Sendable, Equatable {
        /// The focused field is a choice or a flag (or a confirmation is showing).
        case notText
        /// The paste would make the field longer than it may be: nothing of it was inserted.
        case tooLong(field: String, count: Int, limit: Int)
        /// A number field got text that is no number.
        case notANumber(field: String)
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

    /// Clears every message, then puts each message beside the field it names (those naming no
    /// field of the form on the form, together) and moves the focus to the first field named.
    public mutating func showErrors(_ errors: [(field: String?, message: String)]) {
        for i in fields.indices { fields[i].error = nil }
        error = nil
        confirming = false
        var general: [String] = []
        var first: Int?
        for (fieldID, message) in errors {
            if let fieldID, let i = fields.firstIndex(where: { $0.id == fieldID }) {
                let text = message.hasPrefix(fieldID + ": ") ? String(message.dropFirst(fieldID.count + 2)) : message
                fields[i].error = fields[i].error.map { $0 + "; " + text } ?? text
                first = min(first ?? i, i)
            } else if !message.isEmpty {
                general.append(message)
            }
        }
        if !general.isEmpty { error = general.joined(separator: "; ") }
        if let first { focus = first }
    }

    /// Checks that every required field has a value; marks every empty one with
    /// `requiredMessage` ("必填", "required") and focuses the first. True when complete.
    public mutating func checkRequired(requiredMessage: String) -> Bool {
        for i in fields.indices { fields[i].error = nil }
        error = nil
        var first: Int?
        for (i, f) in fields.enumerated() where f.required && f.value.trimmingSpaces.isEmpty {
            fields[i].error = requiredMessage
            first = first ?? i
        }
        if let first { focus = first; return false }
        return true
    }

    /// Puts pasted text into the focused field at its cursor, as text: in a multi-line field line
    /// breaks stay, in a single-line one they become spaces; tabs become spaces and other control
    /// characters are dropped. A paste that would not fit is refused whole (docs/console-input.md).
    public mutating func paste(_ text: String) -> Outcome {
        guard !confirming, let f = focused, f.takesText else { return .pasteRefused(.notText) }
        let clean = Self.pasteText(text, multiline: f.multiline && f.kind == .text)
        var edit = f.editable
        if case .number = f.kind {
            let t = clean.trimmingSpaces
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return .pasteRefused(.notANumber(field: f.id)) }
            edit.insert(t)
        } else {
            edit.insert(clean)
        }
        guard edit.text.count <= f.maxLength else {
            return .pasteRefused(.tooLong(field: f.id, count: edit.text.count, limit: f.maxLength))
        }
        fields[focus].value = edit.text
        fields[focus].cursor = edit.cursor
        fields[focus].error = nil
        return .changed(f.id)
    }

    /// Pasted text as a field takes it.
    public static func pasteText(_ text: String, multiline: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for ch in text {
            if ch == "\r\n" || ch == "\r" || ch == "\n" {
                if ch == "\n" && previousCR { previousCR = false; continue }
                previousCR = ch == "\r"
                out.append(multiline ? "\n" : " ")
                continue
            }
            previousCR = false
            if ch == "\t" { out.append(" "); continue }
            if ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { continue }
            out.append(ch)
        }
        return out
    }

    /// Applies a key. Esc and C-c cancel, C-s and F2 save, Enter breaks the line in a multi-line
    /// field and moves to the next field elsewhere, Tab/S-Tab/↓/↑ move; text fields edit their
    /// line (`EditableText`), choices change with ←/→/Space or a letter.
    public mutating func handle(_ key: Key) -> Outcome {
        if confirming {
            switch key {
            case .ctrl("y"):
                confirming = false; confirmed = true; return .submit
            case .char("y"), .char("Y"), .enter:
                guard !confirmNeedsExplicitKey else { return .none }
                confirming = false; confirmed = true; return .submit
            case .char("n"), .char("N"), .escape, .ctrl("c"): confirming = false; return .none
            default: return .none
            }
        }
        switch key {
        case .escape, .ctrl("c"): return .cancel
        case .ctrl("s"), .function(2): return .submit
        case .enter where focused?.multiline == true && focused?.kind == .text:
            return edit(.char("\n"))
        case .enter, .tab, .down, .backTab, .up:
            let from = focused?.id ?? ""
            move(key == .tab || key == .down || key == .enter ? 1 : -1)
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
                return edit(key)
            }
        }
    }

    /// A line-editing key in the focused text field; typing stops at the field's limit.
    private mutating func edit(_ key: Key) -> Outcome {
        guard let f = focused else { return .none }
        var text = f.editable
        let isNumber = f.kind == .number
        let full = f.value.count >= f.maxLength
        switch text.apply(key, typing: { c in !full && (!isNumber || (c.isASCII && (c.isNumber || c == "."))) }) {
        case .ignored: return .none
        case .moved:
            fields[focus].cursor = text.cursor
            return .none
        case .edited:
            fields[focus].value = text.text
            fields[focus].cursor = text.cursor
            fields[focus].error = nil
            return .changed(f.id)
        }
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
