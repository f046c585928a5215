/// The alert rules about one case (docs/alerts.md, "Rules"), as a pure function of the case, its clocks and now.
///
/// The evaluator calls it when a case changes or one of its thresholds passes; what it returns is
/// the set of case alerts that should be active, so alerts that no longer hold are cleared.
enum CaseAlertRules {
    /// Case alerts that hold at `now`. `deskOnDuty`: someone is on shift (the unassigned rule
    /// applies). Levels come from the policy (`[alert-levels]`); a rule set `off` raises nothing.
    /// `names`: display names by login, for the text (rendered again whenever shown: `AlertText`).
    /// `texting`: which alerts get their text written (by id); the others come with empty text.
    /// The evaluator writes only alerts not already active, so it words only those (wording every
    /// alert of every open case was a good part of a first evaluation).
    static func alerts(for c: ComplaintCase, clocks: [StageClock], policy: DeskPolicy, now: Instant, deskOnDuty: Bool,
                       names: [String: String] = [:], texting: (String) -> Bool = { _ in true }) -> [DeskAlert] {
        var out: [DeskAlert] = []
        let levels = policy.alertLevels
        func add(_ rule: AlertRule, subject: String? = nil, at: Instant) {
            guard let level = levels.level(rule) else { return }
            let subject = subject ?? c.number
            var a = DeskAlert(rule: rule, level: level, subject: subject, caseNumber: c.number, messageZh: "", messageEn: "", raisedAt: at)
            if texting(a.id) {
                let text = AlertText.render(rule: rule, subject: subject, case: c, clocks: clocks, policy: policy, now: now, names: names)
                    ?? (c.number, c.number)
                a.messageZh = text.zh; a.messageEn = text.en
            }
            out.append(a)
        }
        for k in clocks {
            let state = k.state(at: now)
            if state == .ok { continue }
            let subject = "\(c.number):\(k.stage.rawValue)"
            switch state {
            case .breach:
                add(.stageBreach, subject: subject, at: k.due)
                let grace = k.due.adding(seconds: policy.alerts.reminderGraceSeconds)
                if now >= grace, (c.lastReminderAt ?? Instant(seconds: 0)) < k.due {
                    add(.noReminder, subject: subject, at: grace)
                }
            case .warning:
                add(.stageWarning, subject: subject, at: k.warnAt ?? now)
            case .ok:
                break
            }
        }
        guard c.isOpen else { return out }
        let unassignedAt = c.receivedAt.adding(seconds: policy.alerts.unassignedSeconds)
        if c.handler == nil, now >= unassignedAt, deskOnDuty {
            add(.unassigned, at: unassignedAt)
        }
        if c.repeatCount >= policy.severity.majorRepeat {
            add(.repeatThird, at: c.updatedAt)
        } else if c.repeatCount >= policy.severity.urgentRepeat {
            add(.repeatSecond, at: c.updatedAt)
        }
        if c.severity == .major {
            add(.newMajor, at: c.receivedAt)
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
