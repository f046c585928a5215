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

    /// Draws one field row: label, value box, then its error or hint. Returns where the cursor goes
    /// when the field is focused and takes text.
    @discardableResult
    public static func drawField(_ b: inout CellBuffer, _ field: FormField, focused: Bool, x: Int, y: Int, labelWidth lw: Int,
                                 valueWidth vw: Int, noteWidth nw: Int) -> (x: Int, y: Int)? {
        let label = (field.required ? "*" : " ") + field.label
        b.putPadded(label, x: x, y: y, width: lw, style: focused ? .paneTitleFocused : .normal)
        var shown = SafeText.sanitize(field.shown())
        switch field.kind {
        case .choice: shown = "< " + shown + " >"
        default: break
        }
        let text = tail(shown, width: vw - 1)
        b.putPadded(" " + text, x: x + lw, y: y, width: vw, style: focused ? .selected : .input)
        if nw > 2 {
            if let e = field.error {
                b.put(" " + SafeText.sanitize(e), x: x + lw + vw, y: y, style: .error, maxWidth: nw)
            } else if let h = field.hint {
                b.put(" " + h, x: x + lw + vw, y: y, style: .muted, maxWidth: nw)
            }
        }
        switch field.kind {
        case .text, .number: return focused ? (min(x + lw + 1 + DisplayWidth.of(text), x + lw + vw - 1), y) : nil
        default: return nil
        }
    }

    /// Draws a form as a centred box; `keys` is the line of key hints at its foot.
    public static func drawBox<P>(_ b: inout CellBuffer, _ f: Form<P>, keys: String) {
        let inner = min(b.width - 4, 96)
        var lines = f.intro.count + 1 + f.fields.count + 1 + 1
        if f.error != nil || f.fields.contains(where: { $0.error != nil }) { lines += 1 }
        if f.confirming { lines += 1 }
        let height = min(b.height - 2, lines + 2)
        let x0 = max(0, (b.width - inner - 2) / 2)
        let y0 = max(0, (b.height - height) / 2)
        b.fill(x: x0, y: y0, width: inner + 2, height: height, style: .overlay)
        b.putPadded(" " + SafeText.sanitize(f.title), x: x0, y: y0, width: inner + 2, style: .overlayTitle)
        var y = y0 + 1
        for line in f.intro { b.put(" " + line, x: x0 + 1, y: y, style: .muted, maxWidth: inner); y += 1 }
        y += 1
        let lw = labelWidth(f)
        let vw = max(16, min(44, (inner - lw) / 2))
        let nw = inner - 1 - lw - vw
        var cursor: (x: Int, y: Int)?
        for (i, field) in f.fields.enumerated() where y < y0 + height - 2 {
            if let c = drawField(&b, field, focused: i == f.focus && !f.confirming, x: x0 + 2, y: y, labelWidth: lw, valueWidth: vw, noteWidth: nw) { cursor = c }
            y += 1
        }
        // The form's own message, or a field's that is too long to read beside it.
        let long = f.fields.first { $0.error.map { DisplayWidth.of($0) + 1 > nw } ?? false }.map { $0.label + ": " + $0.error! }
        if let e = f.error ?? long { b.put(" " + SafeText.sanitize(e), x: x0 + 1, y: y, style: .error, maxWidth: inner); y += 1 }
        if f.confirming, let text = f.confirmText {
            y += 1
            b.putPadded(" " + text, x: x0 + 1, y: y, width: inner, style: .warning)
        }
        b.putPadded(" " + keys, x: x0, y: y0 + height - 1, width: inner + 2, style: .overlayTitle)
        b.cursor = cursor
    }

}
