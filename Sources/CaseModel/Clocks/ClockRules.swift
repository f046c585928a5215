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
        func add(_ stage: Stage, from start: Instant?, _ why: ClockBasis.Start) {
            guard let start, let rule = stages[stage], let calendar = calendars[rule.calendar] else { return }
            var (deadline, basis) = due(rule, column, calendar, start, c)
            if let promised = c.promisedAt, stage.isBusinessStage, promised > deadline.due {
                deadline = Deadline(due: promised, provisional: deadline.provisional)
                basis = .promised(promised, rule: ClockBasis(start: why, rule: basis, column: column).allowance)
            }
            let warnAt = rule.warningAt.map { calendar.deadline(for: $0, from: start).due }
            out.append(StageClock(stage: stage, startedAt: start, due: deadline.due, provisional: deadline.provisional,
                                  calendar: calendar, warnAt: warnAt, warningFraction: warningFraction,
                                  basis: ClockBasis(start: why, rule: basis, column: column)))
        }
        let begun = c.stagesStartedAt
        // A case reopened since its receipt counts its open stages from the reopening.
        let opened: ClockBasis.Start = begun == c.receivedAt ? .receipt : .reopened
        if open {
            if c.status == .received { add(.firstContact, from: begun, opened) }
            if c.lastNoteAt.map({ $0 < begun }) ?? true { add(.progressNote, from: begun, opened) }
            switch c.status {
            case .received, .contacted, .investigating: add(.investigation, from: begun, opened)
            case .pendingApproval: add(.approval, from: c.submittedAt ?? begun, c.submittedAt == nil ? opened : .submission)
            case .approved: add(.closing, from: c.approvedAt ?? begun, c.approvedAt == nil ? opened : .approval)
            default: break
            }
            add(.decision, from: begun, opened)
            if c.repeatCount >= sameDayRepeat, let calendar = calendars[sameDayCalendar] {
                let start = max(begun, c.columnChangedAt ?? begun)
                let d = calendar.endOfSameDay(from: start)
                out.append(StageClock(stage: .sameDay, startedAt: start, due: d.due, provisional: d.provisional,
                                      calendar: calendar, warningFraction: warningFraction,
                                      basis: ClockBasis(start: start == begun ? opened : .columnChange,
                                                        rule: .sameDay(repeatCount: c.repeatCount), column: column)))
            }
        } else if c.status == .closed, let closed = c.closedAt {
            add(.callback, from: closed, .closing)
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
                     _ c: ComplaintCase) -> (Deadline, ClockBasis.Rule) {
        func allowance(_ col: DeadlineColumn) -> (Allowance, set: Bool)? {
            switch rule.allowances[col] {
            case .allowance(let a)?: return (a, false)
            case .setBySuperior?, nil:
                // Until a superior sets the time (an extension's promise), count as a major case.
                if case .allowance(let a)? = rule.allowances[.major] { return (a, true) }
                return nil
            }
        }
        guard let (mine, set) = allowance(column) else { return (Deadline(due: start, provisional: false), .none) }
        if column == .major, let changed = c.columnChangedAt, changed > start, let (before, _) = allowance(.general) {
            let old = calendar.deadline(for: before, from: start)
            let new = calendar.deadline(for: mine, from: changed)
            return (old.due <= new.due ? old : new,
                    .raisedToMajor(general: before, major: mine, changedAt: changed, majorIsEarlier: new.due < old.due))
        }
        return (calendar.deadline(for: mine, from: start), set ? .specialAsMajor(mine) : .allowance(mine, column))
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
