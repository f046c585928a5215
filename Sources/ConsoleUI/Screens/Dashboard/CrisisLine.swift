import CaseModel
import TerminalKit

/// The dashboard's crisis line, read in one look: how many events are proposed and declared, then
/// one whole event — the most urgent first (`CrisisPicture`, docs/crisis.md "Urgency order") with
/// its nearest report clock. With several events it turns to the next every `secondsPerEvent`
/// seconds rather than scrolling character by character, so each is read whole and from its
/// first character.
enum CrisisLine {
    /// How long each event stays on the line.
    static let secondsPerEvent = 4

    /// Which event shows after `ticks` seconds (0: the most urgent).
    static func index(ticks: Int, events: Int) -> Int {
        guard events > 1 else { return 0 }
        return (max(0, ticks) / secondsPerEvent) % events
    }

    /// The counts part: "【危机】提议 5 · 启动 1".
    static func counts(_ p: CrisisPicture, _ st: ConsoleSettings) -> String {
        st.t("【危机】提议 \(p.proposed) · 启动 \(p.declared)", "[crisis] \(p.proposed) proposed, \(p.declared) declared")
    }

    /// One event: "最紧急 #17 [已启动] 报总公司剩 10:18:00 · 苏州中心支公司 32人 媒体介入 · 银保产品…".
    /// The clock comes before the words, so a narrow terminal cuts the title, never the clock.
    static func event(_ c: CrisisSummary, position: Int, of total: Int, now: Instant, _ st: ConsoleSettings) -> String {
        let head = position == 0 ? st.t("最紧急", "most urgent") : "\(position + 1)/\(total)"
        var parts = [head + " #" + SafeText.sanitize(c.id)]
        if c.status == .declared { parts.append(st.t("[已启动]", "[declared]")) }
        if c.isMassIncident { parts.append(st.t("[重大群体]", "[MASS]")) }
        if let kind = c.nearestReport, let due = c.nearestDue {
            let left = due.seconds.subtractingClamped(now.seconds)
            let superior = kind == .superior
            let label = left < 0
                ? (superior ? st.t("报上级超时 ", "superior report over ") : st.t("报总公司超时 ", "HQ report over "))
                : (superior ? st.t("报上级剩 ", "superior report in ") : st.t("报总公司剩 ", "HQ report in "))
            parts.append(label + ClockText.duration(left, st))
        }
        var who = [SafeText.sanitize(c.branch), st.t("\(c.people)人", "\(c.people) people")]
        if c.mediaInvolved { who.append(st.t("媒体介入", "media")) }
        if c.regulatorInvolved { who.append(st.t("监管介入", "regulator")) }
        return parts.joined(separator: " ") + " · " + who.joined(separator: " ") + " · " + SafeText.sanitize(Masking.maskText(c.title))
    }

    /// The whole line for `width` columns after `ticks` seconds; nil when no event is active.
    static func text(_ p: CrisisPicture, ticks: Int, now: Instant, width: Int, _ st: ConsoleSettings) -> String? {
        guard !p.events.isEmpty else { return nil }
        let i = index(ticks: ticks, events: p.events.count)
        let line = " " + counts(p, st) + "  ▸ " + event(p.events[i], position: i, of: p.events.count, now: now, st)
        return DisplayWidth.truncate(line, to: width)
    }
}
