import CaseModel
import TerminalKit

/// The intake screen: the form filling the screen, repeat suggestions beside it while an
/// identifier is typed, the link chosen, and the keys.
enum IntakeView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        ScreenChrome.header(&b, s, title: st.t("新建投诉", "New complaint"))
        guard let f = s.form, f.purpose == .intake else {
            b.put(st.t(" 正在打开受理表单…", " Opening the intake form…"), x: 0, y: 2, style: .muted)
            return
        }
        let w = s.intake
        let link = w.linkTo.map { st.t(" 关联重复投诉: \($0)", " repeat of: \($0)") } ?? ""
        b.putPadded(st.t(" 受理人 ", " taken by ") + SafeText.sanitize(st.userName) + "  " + DeskTime.standard.short(s.now) + link,
                    x: 0, y: 1, width: b.width, style: w.linkTo == nil ? .muted : .warning)
        let top = 2
        // The form's message, or a field's, whole: wrapped over up to three lines above the keys
        // (beside the field it may be cut), the fields scrolling into what is left.
        let message = f.error ?? f.fields.first(where: { $0.error != nil }).map({ FormView.labelled($0.label, $0.error!) })
        let messageLines = message.map { Array(TextWrapping.wrap(SafeText.sanitize($0), b.width - 1).prefix(3).map { " " + $0 }) } ?? []
        let rows = max(1, b.height - top - 1 - max(1, messageLines.count))
        let lw = FormView.labelWidth(f)
        let wide = b.width >= 120
        // Wide enough to read a few words of Chinese per row, leaving room for hints and repeats.
        let vw = wide ? 56 : max(30, b.width - lw - 34)
        let panelX = lw + vw + 1
        let nw = b.width - panelX
        // The focused field (all of a multi-line one) stays in view.
        let cursor = FormView.drawFields(&b, f, x: 0, y: top, visible: rows, labelWidth: lw, valueWidth: vw, noteWidth: nw)
        if !w.suggestions.isEmpty { drawSuggestions(&b, s, x: panelX, y: top + 5, width: nw, maxRows: rows - 5) }
        let bottom = b.height - 2
        if !messageLines.isEmpty {
            for (i, line) in messageLines.enumerated() {
                b.putPadded(line, x: 0, y: b.height - 1 - messageLines.count + i, width: b.width, style: .error)
            }
        } else if f.confirming, let t = f.confirmText {
            b.putPadded(" " + t, x: 0, y: bottom, width: b.width, style: .warning)
        }
        b.cursor = cursor
        if s.message != nil {
            ScreenChrome.footer(&b, s, y: b.height - 1, commands: [])
        } else {
            b.fill(x: 0, y: b.height - 1, width: b.width, height: 1, style: .footer)
            var keys = FormOverlayView.keysLine(f, st)
            if !w.suggestions.isEmpty { keys += st.t("  ^N/^P 选重复件  Enter 关联", "  ^N/^P pick repeat  Enter links") }
            b.put(" " + keys, x: 0, y: b.height - 1, style: .footer)
        }
    }

    /// Earlier cases on the same phone, ID or policy, newest first; the chosen one highlighted.
    static func drawSuggestions(_ b: inout CellBuffer, _ s: ConsoleState, x: Int, y: Int, width: Int, maxRows: Int) {
        let st = s.settings
        let w = s.intake
        guard width >= 20, maxRows >= 3 else { return }
        let shown = min(w.suggestions.count, maxRows - 2)
        let first = w.suggestionList.window(visible: shown, count: w.suggestions.count)
        b.fill(x: x, y: y, width: width, height: shown + 2, style: .overlay)
        b.putPadded(st.t(" 可能的重复投诉 \(w.suggestions.count) 件", " Possible repeats: \(w.suggestions.count)"), x: x, y: y, width: width, style: .overlayTitle)
        for i in 0..<shown {
            let c = w.suggestions[first + i]
            let on = c.matchedOn.map { k -> String in
                switch k { case "phone": return st.t("电话", "phone"); case "id_number": return st.t("证件", "ID"); default: return st.t("保单", "policy") }
            }.joined(separator: "+")
            let mark = w.linkTo == c.number ? "* " : "  "
            let line = mark + c.number + " " + c.status.label(st.language) + " " + on + " " + SafeText.sanitize(Masking.maskText(c.summary))
            b.putPadded(line, x: x, y: y + 1 + i, width: width, style: first + i == w.suggestionList.cursor ? .selected : .overlay)
        }
        b.putPadded(st.t(" 第\((w.suggestions.map(\.repeatCount).max() ?? 1) + 1)次投诉将升级严重度", " linking raises the repeat count and severity"),
                    x: x, y: y + 1 + shown, width: width, style: .overlayTitle)
    }
}
