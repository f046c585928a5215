import CaseModel
import TerminalKit

/// The console's forms on screen: an action or crisis form as a box over the case screen or the
/// crisis board (the intake form has its own screen), the key hints under a form, and the
/// conflict question over everything.
enum FormOverlayView {
    /// The key line under a form.
    static func keysLine(_ f: Form, _ st: ConsoleSettings) -> String {
        if f.confirming {
            if f.confirmNeedsExplicitKey { return st.t("C-y 确认(不可撤销)    n/Esc 返回修改", "C-y confirm (cannot be undone)    n/Esc back to the form") }
            return st.t("y/Enter 确认    n/Esc 返回修改", "y/Enter confirm    n/Esc back to the form")
        }
        let enter = f.focused?.multiline == true ? st.t("Enter 换行", "Enter new line") : st.t("Enter 下一栏", "Enter next field")
        return st.t("C-s/F2 保存  Tab/↑↓ 切换  \(enter)  ←→/空格 选择  Esc 取消", "C-s/F2 save  Tab/Up/Down move  \(enter)  Left/Right/Space choose  Esc cancel")
    }

    /// Draws an action or crisis form as a centred box (the intake form has its own screen), and a
    /// conflict question over everything.
    static func drawOverlay(_ b: inout CellBuffer, _ s: ConsoleState) {
        if let f = s.form, f.purpose != .intake { FormView.drawBox(&b, f, keys: keysLine(f, s.settings)) }
        if let c = s.conflict { drawConflict(&b, c, s) }
        FormClosing.draw(&b, s)
    }

    /// "TS-… was changed by 王敏 at 14:02 — reload?": nothing of ours was written.
    static func drawConflict(_ b: inout CellBuffer, _ c: ConflictInfo, _ s: ConsoleState) {
        let st = s.settings
        let civil = DeskTime.standard.civil(c.changedAt)
        let sameDay = civil.date == DeskTime.standard.civil(s.now).date
        let at = sameDay ? "\(ClockText.pad2(civil.hour)):\(ClockText.pad2(civil.minute))" : DeskTime.standard.short(c.changedAt)
        let who = SafeText.sanitize(c.changedBy)
        Box.draw(&b, title: st.t("冲突:未保存", "Conflict: nothing was saved"), lines: [
            st.t("\(c.number) 已被 \(who) 于 \(at) 修改 — 重新读取?", "\(c.number) was changed by \(who) at \(at) — reload?"),
            st.t("您的修改没有覆盖对方,也没有保存。", "Your change did not overwrite theirs and was not saved."),
            "",
            st.t("y/Enter 重新读取(保留已填内容)    n/Esc 放弃", "y/Enter reload (keeps what you typed)    n/Esc discard"),
        ], selected: nil)
        b.cursor = nil
    }
}
