/// The words of a case alert, written from the case as it is at the moment they are shown.
///
/// An alert is stored with the text of the moment it was raised, but a handler, a status or a
/// clock can change while the alert stays active (a move-all gives the case to someone else; the
/// clock runs on). Every read that shows alerts renders them again from the case (`AlertFacts`),
/// so the text names the current handler by display name, the current status and the clock as
/// it reads now (docs/alerts.md, "Current facts").
public enum AlertText {
    /// The handler as people know them: display name, or 未分派/unassigned.
    static func handler(_ c: ComplaintCase, names: [String: String]) -> (zh: String, en: String) {
        guard let h = c.handler, !h.isEmpty else { return ("未分派", "unassigned") }
        let shown = names[h] ?? h
        return (shown, shown)
    }

    /// The stage named at the end of a stage alert's subject (`number:stage`).
    static func stage(ofSubject subject: String) -> Stage? {
        guard let colon = subject.lastIndex(of: ":") else { return nil }
        return Stage(rawValue: String(subject[subject.index(after: colon)...]))
    }

    /// The message of a case alert, or nil when the rule no longer has what it speaks of (the
    /// stage's clock stopped): the stored text stands until the evaluator clears the alert.
    static func render(rule: AlertRule, subject: String, case c: ComplaintCase, clocks: [StageClock], policy: DeskPolicy,
                       now: Instant, names: [String: String]) -> (zh: String, en: String)? {
        let who = handler(c, names: names)
        let tailZh = " · \(who.zh) · \(c.status.zh)", tailEn = " · \(who.en) · \(c.status.en)"
        switch rule {
        case .stageBreach, .stageWarning, .noReminder:
            guard let stage = stage(ofSubject: subject), let k = clocks.first(where: { $0.stage == stage }) else { return nil }
            let r = k.reading(at: now)
            // The one duration format, in the clock's own working time, as the countdown and
            // `console clocks` show it (docs/clocks-and-durations.md).
            let figure = ClockFigure(k, at: now)
            switch rule {
            case .stageBreach:
                // Within a minute of working time (after the desk's hours, say) it is simply late:
                // `超时 0:00` would read as not late. The due time stands beside every alert.
                if !figure.isOverdue || figure.isOverdueWithinAMinute {
                    return ("\(c.number) \(stage.zh)已超时\(tailZh)", "\(c.number) \(stage.en) overdue\(tailEn)")
                }
                return ("\(c.number) \(stage.zh)超时 \(figure.duration(.zh))\(tailZh)",
                        "\(c.number) \(stage.en) overdue by \(figure.duration(.en))\(tailEn)")
            case .stageWarning:
                let used = Int(clamping: (r.fractionUsed * 100).rounded())
                let left = figure.isOverdue ? "0:00" : figure.duration(.zh)
                let leftEn = figure.isOverdue ? "0:00" : figure.duration(.en)
                return ("\(c.number) \(stage.zh) 已用 \(used)% 剩 \(left)\(tailZh)", "\(c.number) \(stage.en) \(used)% used, \(leftEn) left\(tailEn)")
            default:
                return ("\(c.number) \(stage.zh)超时未催办\(tailZh)", "\(c.number) \(stage.en) overdue without a reminder\(tailEn)")
            }
        case .unassigned:
            let minutes = now.seconds.subtractingClamped(c.receivedAt.seconds) / 60
            if c.handler != nil {
                return ("\(c.number) 已分派\(tailZh)", "\(c.number) assigned\(tailEn)")
            }
            return ("\(c.number) 未分派已 \(minutes) 分钟 · \(c.status.zh)", "\(c.number) unassigned for \(minutes) min · \(c.status.en)")
        case .repeatThird:
            return ("\(c.number) 第\(c.repeatCount)次投诉 须当日办结\(tailZh)", "\(c.number) complaint #\(c.repeatCount): handle today\(tailEn)")
        case .repeatSecond:
            return ("\(c.number) 二次投诉\(tailZh)", "\(c.number) second complaint\(tailEn)")
        case .newMajor:
            let why = c.mediaInvolved ? "媒体介入" : c.source.isRegulator ? "监管转办"
                : c.potentialLoss >= policy.severity.majorLoss ? "金额≥\(Int(clamping: policy.severity.majorLoss))" : "重大"
            return ("\(c.number) 重大 \(why)\(tailZh)", "\(c.number) major case\(tailEn)")
        case .crisis, .massIncident, .crisisReportDue, .crisisReportOverdue, .branchValidRate, .handlerLoad:
            return nil
        }
    }
}
