import CaseModel
import TerminalKit

/// The shift handover 交接班: for the shift just ending, what the next shift inherits (counts,
/// promises to customers, clocks falling due and overdue, unassigned cases, crisis report
/// clocks, unacknowledged critical alerts, notes written this shift, the audit chain's head),
/// scrollable; whether this and the last handover were acknowledged, and by whom. The incoming
/// team lead acknowledges it with `a` (asks first; audited) (docs/handover.md).
public enum HandoverScreen: ScreenFeature {
    /// The handover read (nil until read) and how far it is scrolled.
    public struct State: ScreenState {
        public var handover: Handover?
        public var scroll = 0
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("交接班", "handover") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadHandover] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { HandoverView.draw(&b, s) }

    /// Rows of text between the header and the footer.
    static func visibleRows(height: Int) -> Int { max(1, height - 3) }

    /// Shows the handover and reads it.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        if s.screen != .handover {
            Navigation.show(&s, .handover)
            s.handover.scroll = 0
        }
        return [.loadHandover]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        switch command {
        case .up, .down, .pageUp, .pageDown, .top:
            Navigation.scroll(&s.handover.scroll, command, page: visibleRows(height: s.height))
        case .bottom:
            s.handover.scroll = .max
        case .handoverAck:
            return acknowledge(&s)
        default: break
        }
        if let h = s.handover.handover {
            let total = HandoverView.lines(h, s).count
            s.handover.scroll = max(0, min(s.handover.scroll, total - visibleRows(height: s.height)))
        }
        return []
    }

    /// Opens the acknowledgement (an optional note, then a confirmation), or says why not.
    static func acknowledge(_ s: inout ConsoleState) -> [Effect] {
        let st = s.settings
        guard !st.readOnly else {
            ConsoleUpdate.say(&s, st.readOnlyText, error: true)
            return []
        }
        guard Command.handoverAck.permitted(for: s.role) else {
            ConsoleUpdate.say(&s, Command.handoverAck.refusal(for: s.role, user: st.userName, track: .general, st), error: true)
            return []
        }
        guard let h = s.handover.handover else { return [] }
        if h.window.shift?.userName == st.userName {
            ConsoleUpdate.say(&s, st.t("交班组长不能确认自己的交接班,由接班组长确认", "The outgoing lead does not acknowledge their own handover: the incoming lead does"), error: true)
            return []
        }
        if let a = h.acknowledgement {
            ConsoleUpdate.say(&s, st.t("本次交接班已由 \(s.names.name(a.by)) 于 \(DeskTime.standard.short(a.at)) 确认",
                                       "This handover was acknowledged by \(s.names.name(a.by)) at \(DeskTime.standard.short(a.at))"), error: true)
            return []
        }
        let w = h.window
        let span = DeskTime.standard.short(w.from) + " – " + DeskTime.standard.short(w.to)
        var f = Form(purpose: .handoverAck, title: st.t("确认接班", "Acknowledge the handover"), fields: [
            FormField("note", st.t("备注", "note"), hint: st.t("可不填", "optional")),
        ], intro: [st.t("交接班 ", "handover ") + span,
                   st.t("承诺 \(h.promises.count) · 即将到期 \(h.dueSoon.count) · 已超时 \(h.overdue.count) · 未分派 \(h.unassigned.count) · 危机 \(h.crises.count)",
                        "promises \(h.promises.count) · due \(h.dueSoon.count) · overdue \(h.overdue.count) · unassigned \(h.unassigned.count) · crises \(h.crises.count)")])
        f.confirmText = st.t("确认接收 \(span) 的交接班?将记入审计。", "Acknowledge the handover of \(span)? This is recorded in the audit trail.")
        s.form = f
        return []
    }

    /// The acknowledgement a filled form becomes.
    static func request(_ f: Form, _ st: ConsoleSettings) -> Result<Effect, FieldError> {
        .success(Effect(AcknowledgeHandover(note: f.value("note"))))
    }
}

extension ConsoleState {
    /// The handover screen's state.
    public var handover: HandoverScreen.State {
        get { screens[HandoverScreen.State.self] }
        _modify { yield &screens[HandoverScreen.State.self] }
    }
}

extension KeyContext {
    /// The handover screen's keys (`handover` in keys.conf).
    public static let handover = Screen.handover.keyContext
}
