import CaseModel
import TerminalKit

/// Draws the open overlay over the screen: handler picker, confirmation, text input, filter editor.
enum OverlayView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        guard let overlay = s.overlay else { return }
        let st = s.settings
        switch overlay {
        case .input(let line):
            let y = b.height - 1
            b.fill(x: 0, y: y, width: b.width, height: 1, style: .input)
            let shown = FormView.singleLine(line.edit.text, cursor: line.edit.cursor, width: b.width - 2)
            let x = b.put("/" + shown.text, x: 0, y: y, style: .input)
            if line.kind == .search, line.edit.text.isEmpty {
                let again = line.previous.isEmpty ? "" : st.t(",↑ 上次搜索", ", Up: last search")
                b.put(st.t(" 编号/姓名/电话/保单/内容,Enter 搜索,Esc 取消", " number/name/phone/policy/text, Enter searches, Esc cancels") + again,
                      x: x, y: y, style: .placeholder, maxWidth: max(0, b.width - x))
            }
            b.cursor = (min(1 + shown.column, b.width - 1), y)
        case .prompt(let prompt):
            CommandLineView.draw(&b, s, prompt)
        case .confirm(let text, _):
            Box.draw(&b, title: st.t("确认", "Confirm"), lines: [SafeText.sanitize(text), "", st.t("y 确认    n / Esc 取消", "y yes    n / Esc no")], selected: nil)
        case .picker(let numbers, let selected):
            var lines = [st.t("改派 \(numbers.count) 件给 (在岗处理人 · 当前未结件数 · 最紧时限):", "Reassign \(numbers.count) case(s) to (on duty · open cases now · worst clock):"), ""]
            if s.roster.isEmpty { lines.append(st.t("  (没有在岗的处理人)", "  (nobody on duty)")) }
            for r in s.roster {
                // The display name (李强) is what people recognise; the login disambiguates.
                let who = r.user.displayName == r.user.name ? r.user.name : "\(r.user.displayName) \(r.user.name)"
                lines.append("  " + DisplayWidth.pad(SafeText.sanitize(who), to: 18) + DisplayWidth.pad(r.user.role.label(st.language), to: 10)
                             + DisplayWidth.pad(SafeText.sanitize(r.user.team), to: 12) + DisplayWidth.pad(String(r.openLoad), to: 4, alignRight: true)
                             + "  " + AssignView.worstClock(r.earliestDue, s).text)
            }
            lines.append("")
            lines.append(st.t("Enter 选择    Esc 取消", "Enter choose    Esc cancel"))
            Box.draw(&b, title: st.t("选择处理人", "Choose a handler"), lines: lines, selected: s.roster.isEmpty ? nil : 2 + selected)
        case .filter(let editor):
            var lines: [String] = []
            for axis in FilterEditor.Axis.allCases {
                let code = FilterEditor.current(axis, in: editor.draft)
                let label = FilterEditor.choices(axis, settings: st, branches: s.branches + (code.map { [$0] } ?? []), handlers: s.roster.map(\.user.name) + (code.map { [$0] } ?? []))
                    .first { $0.0 == code }?.1 ?? st.t("全部", "all")
                lines.append("  " + DisplayWidth.pad(axis.label(st), to: 10) + "< " + SafeText.sanitize(label) + " >")
            }
            lines.append("")
            lines.append(st.t("↑↓ 选择  ←→ 更改  c 清除  Enter 应用  Esc 取消", "Up/Down axis  Left/Right value  c clear  Enter apply  Esc cancel"))
            Box.draw(&b, title: st.t("筛选", "Filter"), lines: lines, selected: editor.selected)
        }
    }
}
