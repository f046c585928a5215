/// Derives a case's stage clocks from its fields and the policy.
///
/// Pure: the same case and policy give the same clocks, so clocks are recomputed rather than
/// stored and never drift. Only `nextDueAt` is stored, to order the queue by an index.
extension DeskPolicy {
    /// Every open stage's clock, soonest due first. Venting cases have none.
    public func clocks(of c: ComplaintCase) -> [StageClock] {
        if c.kind == .venting || stages.isEmpty { return [] }
        let column = DeadlineColumn.of(c)
        let open = c.isOpen
        var out: [StageClock] = []
        out.reserveCapacity(4)
        func add(_ stage: Stage, from start: Instant?) {
            guard let start, let rule = stages[stage], let calendar = calendars[rule.calendar] else { return }
            var deadline = due(rule, column, calendar, start, c)
            if let promised = c.promisedAt, stage.isBusinessStage, promised > deadline.due {
                deadline = Deadline(due: promised, provisional: deadline.provisional)
            }
            let warnAt = rule.warningAt.map { calendar.deadline(for: $0, from: start).due }
            out.append(StageClock(stage: stage, startedAt: start, due: deadline.due, provisional: deadline.provisional,
                                  calendar: calendar, warnAt: warnAt, warningFraction: warningFraction))
        }
        let begun = c.stagesStartedAt
        if open {
            if c.status == .received { add(.firstContact, from: begun) }
            if c.lastNoteAt.map({ $0 < begun }) ?? true { add(.progressNote, from: begun) }
            switch c.status {
            case .received, .contacted, .investigating: add(.investigation, from: begun)
            case .pendingApproval: add(.approval, from: c.submittedAt ?? begun)
            case .approved: add(.closing, from: c.approvedAt ?? begun)
            default: break
            }
            add(.decision, from: begun)
            if c.repeatCount >= sameDayRepeat, let calendar = calendars[sameDayCalendar] {
                let start = max(begun, c.columnChangedAt ?? begun)
                let d = calendar.endOfSameDay(from: start)
                out.append(StageClock(stage: .sameDay, startedAt: start, due: d.due, provisional: d.provisional,
                                      calendar: calendar, warningFraction: warningFraction))
            }
        } else if c.status == .closed, let closed = c.closedAt {
            add(.callback, from: closed)
        }
        out.sort { $0.due < $1.due }
        return out
    }

    /// The nearest open deadline of a case (stored as `next_due_at` for the queue's order).
    public func nextDue(_ c: ComplaintCase) -> Instant? { clocks(of: c).first?.due }

    /// A stage's due time for a column. When severity rose into the major column after the stage
    /// started, the due time is the earlier of the old column's and the new column's counted from
    /// the change, so a raise never moves a deadline later or makes a case overdue retroactively.
    private func due(_ rule: StagePolicy, _ column: DeadlineColumn, _ calendar: WorkCalendar, _ start: Instant,
                     _ c: ComplaintCase) -> Deadline {
        func allowance(_ col: DeadlineColumn) -> Allowance? {
            switch rule.allowances[col] {
            case .allowance(let a)?: return a
            case .setBySuperior?, nil:
                // Until a superior sets the time (an extension's promise), count as a major case.
                if case .allowance(let a)? = rule.allowances[.major] { return a }
                return nil
            }
        }
        guard let mine = allowance(column) else { return Deadline(due: start, provisional: false) }
        if column == .major, let changed = c.columnChangedAt, changed > start, let before = allowance(.general) {
            let old = calendar.deadline(for: before, from: start)
            let new = calendar.deadline(for: mine, from: changed)
            return old.due <= new.due ? old : new
        }
        return calendar.deadline(for: mine, from: start)
    }
}

extension Stage {
    /// Stages an approved extension may move (the business stages and the decision).
    var isBusinessStage: Bool {
        switch self {
        case .investigation, .approval, .closing, .decision: return true
        default: return false
        }
    }
}
