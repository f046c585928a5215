/// The alert rules about one case (SPEC §7), as a pure function of the case, its clocks and now.
///
/// The evaluator calls it when a case changes or one of its thresholds passes; what it returns is
/// the set of case alerts that should be active, so alerts that no longer hold are cleared.
enum CaseAlertRules {
    /// Case alerts that hold at `now`. `deskOnDuty`: someone is on shift (the unassigned rule applies).
    static func alerts(for c: ComplaintCase, clocks: [StageClock], policy: DeskPolicy, now: Instant, deskOnDuty: Bool) -> [DeskAlert] {
        var out: [DeskAlert] = []
        func add(_ rule: AlertRule, _ level: AlertLevel, subject: String? = nil, at: Instant, _ zh: String, _ en: String) {
            out.append(DeskAlert(rule: rule, level: level, subject: subject ?? c.number, caseNumber: c.number,
                                 messageZh: zh, messageEn: en, raisedAt: at))
        }
        let who = c.handler ?? "未分派"
        for k in clocks {
            let r = k.reading(at: now)
            let subject = "\(c.number):\(k.stage.rawValue)"
            switch r.state {
            case .breach:
                add(.stageBreach, .critical, subject: subject, at: k.due, "\(c.number) \(k.stage.zh)超时 \(who)", "\(c.number) \(k.stage.en) overdue (\(c.handler ?? "unassigned"))")
                let grace = k.due.adding(seconds: policy.alerts.reminderGraceSeconds)
                if now >= grace, (c.lastReminderAt ?? Instant(seconds: 0)) < k.due {
                    add(.noReminder, .warning, subject: subject, at: grace, "\(c.number) \(k.stage.zh)超时未催办", "\(c.number) \(k.stage.en) overdue without a reminder")
                }
            case .warning:
                add(.stageWarning, .warning, subject: subject, at: k.warnAt ?? now, "\(c.number) \(k.stage.zh) 已用 \(Int(clamping: (r.fractionUsed * 100).rounded()))%", "\(c.number) \(k.stage.en) \(Int(clamping: (r.fractionUsed * 100).rounded()))% used")
            case .ok:
                break
            }
        }
        guard c.isOpen else { return out }
        let unassignedAt = c.receivedAt.adding(seconds: policy.alerts.unassignedSeconds)
        if c.handler == nil, now >= unassignedAt, deskOnDuty {
            add(.unassigned, .warning, at: unassignedAt, "\(c.number) 未分派已 \(now.seconds.subtractingClamped(c.receivedAt.seconds) / 60) 分钟", "\(c.number) unassigned for \(now.seconds.subtractingClamped(c.receivedAt.seconds) / 60) min")
        }
        if c.repeatCount >= policy.severity.majorRepeat {
            add(.repeatThird, .critical, at: c.updatedAt, "\(c.number) 第\(c.repeatCount)次投诉 须当日办结", "\(c.number) complaint #\(c.repeatCount): handle today")
        } else if c.repeatCount >= policy.severity.urgentRepeat {
            add(.repeatSecond, .warning, at: c.updatedAt, "\(c.number) 二次投诉", "\(c.number) second complaint")
        }
        if c.severity == .major {
            let why = c.mediaInvolved ? "媒体介入" : c.source.isRegulator ? "监管转办" : c.potentialLoss >= policy.severity.majorLoss ? "金额≥\(Int(clamping: policy.severity.majorLoss))" : "重大"
            add(.newMajor, .warning, at: c.receivedAt, "\(c.number) 重大 \(why)", "\(c.number) major case")
        }
        return out
    }

    /// The next instant after `now` at which `alerts(for:)` could change without the case changing.
    static func nextChange(for c: ComplaintCase, clocks: [StageClock], policy: DeskPolicy, now: Instant) -> Instant? {
        var candidates: [Instant] = []
        for k in clocks {
            if let w = k.warnAt { candidates.append(w) }
            else {
                // The warning fraction is reached at a working-time point; find it on the calendar.
                let total = k.calendar.workingSeconds(from: k.startedAt, to: k.due)
                let warnSeconds = Int64(clamping: (Double(total) * k.warningFraction).rounded(.up))
                candidates.append(k.calendar.addWorkingSeconds(warnSeconds, from: k.startedAt).due)
            }
            candidates.append(k.due)
            candidates.append(k.due.adding(seconds: policy.alerts.reminderGraceSeconds))
        }
        if c.isOpen && c.handler == nil { candidates.append(c.receivedAt.adding(seconds: policy.alerts.unassignedSeconds)) }
        return candidates.filter { $0 > now }.min()
    }
}
