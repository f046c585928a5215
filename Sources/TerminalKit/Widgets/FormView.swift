import TextSafety

/// Draws forms: the fields with their values, validation messages beside them, the confirmation;
/// as a centred box over a screen, or field by field where a screen lays a form out itself.
/// Text typed or shown in a field is made harmless (`SafeText`) before it is drawn.
public enum FormView {
    /// The text's end that fits in `width` cells (the part being typed stays in view).
    public static func tail(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var w = 1 // the leading ellipsis
        for ch in text.reversed() {
            let cw = DisplayWidth.of(ch)
            if w + cw > width { break }
            out.insert(ch, at: out.startIndex)
            w += cw
        }
        return "…" + out
    }

    /// Width of the label column for a form's fields.
    public static func labelWidth<P>(_ f: Form<P>) -> Int { min(16, (f.fields.map { DisplayWidth.of($0.label) }.max() ?? 4) + 3) }

    /// A character as drawn in a field: harmless, and never a line break.
    static func shown(_ ch: Character) -> String { SafeText.sanitize(String(ch)) }

    /// "123/1000": how much of its limit a field uses.
    public static func counter(_ field: FormField) -> String { "\(field.value.count)/\(field.maxLength)" }

    /// Draws one field: label, value box (one row, or `rows` rows for a multi-line field, around
    /// its cursor), then its error or hint. Returns where the cursor goes when the field is
    /// focused and takes text.
    @discardableResult
    public static func drawField(_ b: inout CellBuffer, _ field: FormField, focused: Bool, x: Int, y: Int, labelWidth lw: Int,
                                 valueWidth vw: Int, noteWidth nw: Int) -> (x: Int, y: Int)? {
        let label = (field.required ? "*" : " ") + field.label
        b.putPadded(label, x: x, y: y, width: lw, style: focused ? .paneTitleFocused : .normal)
        let boxStyle: StyleRole = focused ? .selected : .input
        var cursor: (x: Int, y: Int)?
        if field.takesText {
            let rows = field.multiline ? max(1, field.rows) : 1
            let wrapped: [TextWrap.Row]
            let at: (row: Int, column: Int)
            let c = min(field.cursor ?? field.value.count, field.value.count)
            if field.multiline {
                wrapped = TextWrap.rows(field.value, width: vw - 2, display: shown)
                at = TextWrap.locate(cursor: c, in: wrapped)
            } else {
                // One row: the characters around the cursor that fit.
                let line = singleLine(field.value, cursor: c, width: vw - 2)
                wrapped = [TextWrap.Row(text: line.text, start: 0)]
                at = (0, line.column)
            }
            let first = focused ? max(0, min(at.row - rows + 1, wrapped.count - rows)) : 0
            for r in 0..<rows {
                let text = wrapped[safe: first + r]?.text ?? ""
                b.putPadded(" " + text, x: x + lw, y: y + r, width: vw, style: boxStyle)
            }
            if field.multiline, !focused, wrapped.count > rows {
                b.put("…", x: x + lw + vw - 1, y: y + rows - 1, style: boxStyle)
            }
            if focused { cursor = (min(x + lw + 1 + at.column, x + lw + vw - 1), y + at.row - first) }
            if field.multiline, rows >= 2 {
                // Under the label when it fits there, else beside the box's second row.
                let full = field.value.count >= field.maxLength
                let text = " " + counter(field)
                if DisplayWidth.of(text) <= lw { b.put(text, x: x, y: y + 1, style: full ? .warning : .muted) }
                else if nw > 2 { b.put(text, x: x + lw + vw, y: y + 1, style: full ? .warning : .muted, maxWidth: nw) }
            }
        } else {
            var shownValue = SafeText.sanitize(field.shown())
            if case .choice = field.kind { shownValue = "< " + shownValue + " >" }
            b.putPadded(" " + tail(shownValue, width: vw - 1), x: x + lw, y: y, width: vw, style: boxStyle)
        }
        if nw > 2 {
            if let e = field.error {
                b.put(" " + SafeText.sanitize(e), x: x + lw + vw, y: y, style: .error, maxWidth: nw)
            } else if focused, field.takesText, !field.multiline, field.value.count >= field.maxLength {
                b.put(" " + counter(field), x: x + lw + vw, y: y, style: .warning, maxWidth: nw)
            } else if let h = field.hint {
                b.put(" " + h, x: x + lw + vw, y: y, style: .muted, maxWidth: nw)
            }
        }
        return cursor
    }

    /// The part of a one-row value that shows in `width` cells with the cursor in view, and the
    /// cursor's column in it.
    public static func singleLine(_ value: String, cursor: Int, width: Int) -> (text: String, column: Int) {
        let pieces = value.map(shown)
        let widths = pieces.map { DisplayWidth.of($0) }
        var width = max(2, width)
        // Start as far left as possible while the cursor (and one cell after it) still fits; a
        // line scrolled to the left starts with "…".
        var start = 0
        var before = widths.prefix(cursor).reduce(0, +)
        let scrolled = before + 1 > width
        if scrolled { width -= 1 }
        while before + 1 > width, start < cursor {
            before -= widths[start]
            start += 1
        }
        var text = scrolled ? "…" : ""
        if scrolled { before += 1 }
        var used = 0
        for i in start..<pieces.count {
            if used + widths[i] > width { break }
            text += pieces[i]
            used += widths[i]
        }
        return (text, before)
    }

    /// Rows a form's fields take.
    public static func fieldRows<P>(_ f: Form<P>) -> Int { f.fields.reduce(0) { $0 + ($1.multiline ? max(1, $1.rows) : 1) } }

    /// The first row of the field list to draw so the focused field is whole in `visible` rows.
    public static func scrollTop<P>(_ f: Form<P>, visible: Int) -> Int {
        var top = 0
        for (i, field) in f.fields.enumerated() {
            let h = field.multiline ? max(1, field.rows) : 1
            if i == f.focus { return max(0, min(top + h - visible, fieldRows(f) - visible)) }
            top += h
        }
        return 0
    }

    /// Draws the fields in rows `y…y+visible` from `x`, scrolled so the focused field shows;
    /// returns where the cursor goes.
    public static func drawFields<P>(_ b: inout CellBuffer, _ f: Form<P>, x: Int, y: Int, visible: Int, labelWidth lw: Int,
                                     valueWidth vw: Int, noteWidth nw: Int) -> (x: Int, y: Int)? {
        let top = scrollTop(f, visible: visible)
        var row = 0
        var cursor: (x: Int, y: Int)?
        for (i, field) in f.fields.enumerated() {
            let h = field.multiline ? max(1, field.rows) : 1
            defer { row += h }
            guard row >= top, row + h <= top + visible else { continue }
            if let c = drawField(&b, field, focused: i == f.focus && !f.confirming, x: x, y: y + row - top, labelWidth: lw,
                                 valueWidth: vw, noteWidth: nw) { cursor = c }
        }
        return cursor
    }

    /// `label: message`, with a full-width colon after a Chinese label (`承诺完成：…`).
    public static func labelled(_ label: String, _ message: String) -> String {
        label.unicodeScalars.contains { $0.value >= 0x2E80 } ? label + "：" + message : label + ": " + message
    }

    /// Draws a form as a centred box; `keys` is the line of key hints at its foot.
    public static func drawBox<P>(_ b: inout CellBuffer, _ f: Form<P>, keys: String) {
        let inner = min(b.width - 4, 96)
        // The form's own message, or a field's that is too long to read beside it: whole, wrapped
        // over up to three lines under the fields (a cut refusal hides what to do).
        let lw = labelWidth(f)
        let anyMultiline = f.fields.contains { $0.multiline }
        let vw = max(16, min(anyMultiline ? 60 : 44, (inner - lw) * (anyMultiline ? 2 : 1) / (anyMultiline ? 3 : 2)))
        let nw = inner - 1 - lw - vw
        let long = f.fields.first { $0.error.map { DisplayWidth.of($0) + 1 > nw } ?? false }.map { labelled($0.label, $0.error!) }
        let messageLines = (f.error ?? long).map { Array(TextWrapping.wrap(SafeText.sanitize($0), inner - 1).prefix(3).map { " " + $0 }) } ?? []
        var lines = f.intro.count + 1 + fieldRows(f) + 1 + 1
        if f.error != nil || f.fields.contains(where: { $0.error != nil }) { lines += max(1, messageLines.count) }
        if f.confirming { lines += 1 }
        let height = min(b.height - 2, lines + 2)
        let x0 = max(0, (b.width - inner - 2) / 2)
        let y0 = max(0, (b.height - height) / 2)
        b.fill(x: x0, y: y0, width: inner + 2, height: height, style: .overlay)
        b.putPadded(" " + SafeText.sanitize(f.title), x: x0, y: y0, width: inner + 2, style: .overlayTitle)
        var y = y0 + 1
        for line in f.intro { b.put(" " + line, x: x0 + 1, y: y, style: .muted, maxWidth: inner); y += 1 }
        y += 1
        let reserved = (f.error != nil || f.fields.contains(where: { $0.error != nil }) ? max(1, messageLines.count) : 0) + (f.confirming ? 2 : 0)
        let visible = max(1, min(fieldRows(f), y0 + height - 2 - reserved - y))
        let cursor = drawFields(&b, f, x: x0 + 2, y: y, visible: visible, labelWidth: lw, valueWidth: vw, noteWidth: nw)
        y += visible
        for line in messageLines { b.put(line, x: x0 + 1, y: y, style: .error, maxWidth: inner); y += 1 }
        if f.confirming, let text = f.confirmText {
            y += 1
            b.putPadded(" " + text, x: x0 + 1, y: y, width: inner, style: .warning)
        }
        b.putPadded(" " + keys, x: x0, y: y0 + height - 1, width: inner + 2, style: .overlayTitle)
        b.cursor = cursor
    }

}
