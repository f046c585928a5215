/// Whether each handled stage of a case was done within its deadline (处理及时率).
///
/// Definition: a stage is *handled* when the timestamp that ends it is recorded — first contact
/// (`contacted_at`), investigation (`submitted_at`), approval (`approved_at`), closing
/// (`closed_at`, after an approval) and callback (`followed_up_at`). Its due time is the one the
/// policy gives the case while the stage was open: `DeskPolicy.clocks(of:)` evaluated on the case
/// put back into that stage's status, so the deadline column (severity, kind), a column change,
/// an approved extension and the calendars count exactly as on the live clocks. The stage is *on
/// time* when the ending timestamp is at or before that due time. A case is handled overall
/// when it is closed (closed or followed up; withdrawn cases are not handled), and on time
/// overall when every stage it handled was on time. Venting cases have no clocks and are left out.
public struct StageTimeliness: Sendable, Equatable {
    /// The stages counted, in workflow order.
    public static let stages: [Stage] = [.firstContact, .investigation, .approval, .closing, .callback]

    /// Per stage of `StageTimeliness.stages` (same order): nil when not handled, else whether on time.
    public var results: [Bool?] = [nil, nil, nil, nil, nil]
    /// Per handled stage: whether it was on time.
    public var stages: [Stage: Bool] {
        var out: [Stage: Bool] = [:]
        for (i, r) in results.enumerated() { if let r { out[Self.stages[i]] = r } }
        return out
    }
    /// Whether the case counts as handled overall (closed).
    public var handled = false
    /// Whether it was handled within every deadline.
    public var onTime = false

    /// Evaluates one case.
    public init(_ c: ComplaintCase, policy: DeskPolicy) { self.init(c, rules: DueRules(policy)) }

    /// Evaluates one case with rules looked up once (the report pass).
    init(_ c: ComplaintCase, rules: DueRules) { self.init(Outcome(StageFacts(c), rules: rules)) }

    /// The evaluation as the report pass keeps it.
    init(_ o: Outcome) {
        for i in results.indices where o.handledStages & (1 << i) != 0 { results[i] = o.onTimeStages & (1 << i) != 0 }
        handled = o.handled
        onTime = o.onTime
    }

    /// One case's evaluation as bit sets (bit i: stage i of `stages`), with no array per case.
    struct Outcome {
        /// Stages handled.
        var handledStages: UInt8 = 0
        /// Stages handled on time.
        var onTimeStages: UInt8 = 0
        var handled = false
        var onTime = false

        /// Evaluates the facts of one case (the definition above).
        init(_ c: StageFacts, rules: DueRules) {
            guard c.kind != .venting else { return }
            let begun = c.stagesStartedAt
            let column = c.column
            func check(_ i: Int, from start: Instant, done: Instant?) {
                guard let done, let d = rules.due(i, from: start, column: column, c) else { return }
                handledStages |= 1 << i
                if done <= d { onTimeStages |= 1 << i }
            }
            check(0, from: begun, done: c.contactedAt)
            check(1, from: begun, done: c.submittedAt)
            if let submitted = c.submittedAt { check(2, from: submitted, done: c.approvedAt) }
            if let approved = c.approvedAt { check(3, from: approved, done: c.closedAt) }
            if let closed = c.closedAt, c.status == .closed || c.status == .followedUp { check(4, from: closed, done: c.followedUpAt) }
            handled = c.closedAt != nil && (c.status == .closed || c.status == .followedUp)
            onTime = handled && handledStages == onTimeStages
        }
    }

    /// A stage's due time for the case, by the same rule as `DeskPolicy.clocks(of:)` for the
    /// case standing in that stage (one deadline computed instead of every open clock; the
    /// report tests check both agree case by case).
    static func due(_ stage: Stage, from start: Instant, _ c: ComplaintCase, _ policy: DeskPolicy) -> Instant? {
        guard let i = stages.firstIndex(of: stage) else { return nil }
        let facts = StageFacts(c)
        return DueRules(policy).due(i, from: start, column: facts.column, facts)
    }

    /// The definition, as printed beside the figures.
    public static let definition = "handled = stage end recorded (contacted/submitted/approved/closed/followed-up; overall: case closed); within deadline = end ≤ the policy's due time for the case in that stage (clocks of the case as it stood, incl. column change and extension); overall on time = every handled stage on time; venting excluded"
}

/// The counted stages' calendars and allowances per deadline column, looked up once per report.
struct DueRules: Sendable {
    /// Per stage (order of `StageTimeliness.stages`): the calendar, the allowance per column
    /// (general, major, special; "set by a superior" counts as major until an extension sets it).
    let entries: [(calendar: WorkCalendar, general: Allowance?, major: Allowance?, special: Allowance?)?]
    /// Per stage, its calendar's day table, fetched once for all the report's cases.
    private let tables: [DayTable?]

    init(_ policy: DeskPolicy) {
        entries = StageTimeliness.stages.map { stage in
            guard let rule = policy.stages[stage], let calendar = policy.calendars[rule.calendar] else { return nil }
            func allowance(_ col: DeadlineColumn) -> Allowance? {
                switch rule.allowances[col] {
                case .allowance(let a)?: return a
                case .setBySuperior?, nil:
                    if case .allowance(let a)? = rule.allowances[.major] { return a }
                    return nil
                }
            }
            return (calendar, allowance(.general), allowance(.major), allowance(.special))
        }
        tables = entries.map { $0?.calendar.table }
    }

    /// The due time of stage `i` started at `start` (see `StageTimeliness.due`).
    func due(_ i: Int, from start: Instant, column: DeadlineColumn, _ c: StageFacts) -> Instant? {
        guard let e = entries[i], let t = tables[i] else { return nil }
        let mine = column == .general ? e.general : column == .major ? e.major : e.special
        var due: Instant
        if let mine {
            if column == .major, let changed = c.columnChangedAt, changed > start, let before = e.general {
                due = min(e.calendar.deadline(for: before, from: start, in: t).due, e.calendar.deadline(for: mine, from: changed, in: t).due)
            } else {
                due = e.calendar.deadline(for: mine, from: start, in: t).due
            }
        } else {
            due = start
        }
        if let promised = c.promisedAt, StageTimeliness.stages[i].isBusinessStage, promised > due { due = promised }
        return due
    }
}
