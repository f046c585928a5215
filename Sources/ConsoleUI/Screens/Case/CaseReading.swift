import CaseModel
import TerminalKit

/// What the case screen opens whole in the text viewer: the text, timeline entry or clock under
/// the cursor, the whole case from any other line, and why each clock is due when it is
/// (CaseModel's `ClockExplanation`, in the console's language). Free text is masked for a
/// reader who has not revealed the case, as on the screen (docs/console-reading.md).
enum CaseReading {
    /// Enter: the line under the cursor whole.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        guard let d = s.caseScreen.detail else { return [] }
        let st = s.settings
        let lines = CaseView.lines(s, d)
        switch lines[safe: s.caseScreen.cursor]?.read {
        case .text(let title, let body)?:
            s.viewer = TextViewer(title: title, paragraphs: [body])
        case .event(let i)?:
            guard let e = d.events[safe: i] else { return [] }
            s.viewer = TextViewer(title: d.item.number + " · " + st.t("处理记录", "timeline"), paragraphs: event(e, d, s))
        case .clock(let i)?:
            explain(&s, only: i)
        case nil:
            // Any other line: the whole case, every text unwrapped from its row.
            s.viewer = TextViewer(title: st.t("案件 ", "Case ") + d.item.number, paragraphs: lines.flatMap(whole))
        }
        return []
    }

    /// A line as the viewer shows it: a prose line as its label over the whole text, a timeline
    /// entry in full, anything else as it is.
    static func whole(_ l: CaseLine) -> [String] {
        if case .text(_, let body)? = l.read, l.value != nil {
            let label = String(l.text.dropLast(l.value!.count)).trimmingSuffixSpaces
            return [label] + body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return [l.text]
    }

    /// One timeline entry whole: when, who, what, then each recorded detail on its own lines.
    static func event(_ e: CaseEvent, _ d: CaseDetail, _ s: ConsoleState) -> [String] {
        let st = s.settings, L = st.language
        let shown = Disclosure(revealed: s.caseScreen.revealed == d.item.number).event(e)
        var head = DeskTime.standard.short(shown.at) + "  " + d.person(shown.actor) + "  " + TimelineText.action(shown.action, L)
        if let to = shown.toStatus, let from = shown.fromStatus, from != to { head += "  " + from.label(L) + " → " + to.label(L) }
        var out = [head, ""]
        for (k, v) in shown.detail.filter({ $0.key != "status" && $0.key != "version" }).sorted(by: { $0.key < $1.key }) {
            let label = TimelineText.fields[k].map { L == .zh ? $0.0 : $0.1 } ?? k
            let value = TimelineText.value(k, v, action: shown.action, L, person: d.person)
            out.append(label + st.t(":", ":"))
            out += value.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return out
    }

    /// `w`: the clock under the cursor explained, or every clock of the case.
    static func explain(_ s: inout ConsoleState) -> [Effect] {
        guard let d = s.caseScreen.detail else { return [] }
        if case .clock(let i)? = CaseView.lines(s, d)[safe: s.caseScreen.cursor]?.read {
            explain(&s, only: i)
        } else {
            explain(&s, only: nil)
        }
        return []
    }

    /// The explanation of one clock (or all) at the console's instant.
    static func explain(_ s: inout ConsoleState, only index: Int?) {
        guard let d = s.caseScreen.detail else { return }
        let st = s.settings
        let clocks = index.flatMap { d.clocks[safe: $0].map { [$0] } } ?? d.clocks
        guard !clocks.isEmpty else {
            ConsoleUpdate.say(&s, st.t("\(d.item.number) 没有进行中的时限", "\(d.item.number) runs no clock"))
            return
        }
        var paragraphs: [String] = []
        for (n, clock) in clocks.enumerated() {
            if n > 0 { paragraphs.append("") }
            guard let e = ClockExplanation(clock, at: s.now) else {
                let r = ClockText.read(clock, at: s.now)
                paragraphs.append(clock.stage.label(st.language) + "  " + ClockText.due(r, st) + "  " + ClockText.left(r, st))
                paragraphs.append(st.t("  (该时限未记录起算依据)", "  (this clock carries no record of its basis)"))
                continue
            }
            paragraphs += e.lines(st.language)
        }
        s.viewer = TextViewer(title: d.item.number + " · " + st.t("时限说明:为何此时到期", "Why each clock is due when it is"), paragraphs: paragraphs)
    }
}
