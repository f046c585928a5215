/// Why a clock is due when it is: the rule (stage, column, allowance), the calendar and its hours,
/// the moment it counts from, and the days the calendar skipped or added on the way (春节
/// 02-15–02-23 休, 02-28 调休上班), as a value the command line prints (`console clocks N
/// --explain`) and the case screen can show (docs/clocks-and-durations.md).
public struct ClockExplanation: Sendable, Equatable {
    /// A run of consecutive days of one kind and label between the start and the due time.
    public struct DaySpan: Sendable, Equatable {
        public let kind: DayKind
        public let label: String
        public let first: CivilDate
        public let last: CivilDate
    }

    public let stage: Stage
    /// The figure at the instant of the explanation.
    public let figure: ClockFigure
    /// Why it starts and ends when it does.
    public let basis: ClockBasis
    /// When the clock started.
    public let startedAt: Instant
    /// Where the allowance is counted from: the start, or the severity change for a raise.
    public let countedFrom: Instant
    /// The first working instant at or after `countedFrom` when that lies outside working time.
    public let firstWorkingInstant: Instant?
    /// The calendar's name and a normal working day's hours.
    public let calendar: String
    public let hours: [WorkingPeriod]
    /// ISO weekdays (1 = Monday) the weekly pattern works.
    public let workingWeekdays: [Int]
    /// Holidays and weekends between the start and the due time (not counted).
    public let skipped: [DaySpan]
    /// Make-up working days and days with their own hours between them (counted).
    public let added: [DaySpan]
    /// For a working-days allowance: the working days counted, in order.
    public let countedDays: [CivilDate]
    /// For a calendar-days allowance: the day the count ends on, before any deferral.
    public let calendarDayEnd: CivilDate?
    /// Years on the way the calendar does not know (the due time is then provisional).
    public let unknownYears: [Int]

    /// Explains one of a case's clocks at `now`; nil for a clock without its basis.
    public init?(_ clock: StageClock, at now: Instant) {
        guard let basis = clock.basis else { return nil }
        let cal = clock.calendar
        stage = clock.stage
        figure = ClockFigure(clock, at: now)
        self.basis = basis
        startedAt = clock.startedAt
        countedFrom = basis.countedFrom(clock.startedAt)
        let working = cal.isWorking(at: countedFrom)
        let next = cal.addWorkingSeconds(0, from: countedFrom).due
        firstWorkingInstant = working || next == countedFrom ? nil : next
        calendar = cal.name
        hours = cal.definition.normalWeekdayPeriods
        workingWeekdays = (1...7).filter { !cal.definition.weekly[$0 - 1].isEmpty }

        let firstDay = cal.civilDate(of: countedFrom), lastDay = cal.civilDate(of: clock.due)
        var skipped: [DaySpan] = [], added: [DaySpan] = [], counted: [CivilDate] = [], unknown: Set<Int> = []
        // At most a year and a half of days: far beyond any allowance, and a bound on tampered data.
        let span = min(max(0, Int(lastDay.daysSinceEpoch - firstDay.daysSinceEpoch)), 550)
        func extend(_ list: inout [DaySpan], _ info: DayInfo) {
            if let last = list.last, last.kind == info.kind, last.label == info.label, last.last.adding(days: 1) == info.date {
                list[list.count - 1] = DaySpan(kind: info.kind, label: info.label, first: last.first, last: info.date)
            } else {
                list.append(DaySpan(kind: info.kind, label: info.label, first: info.date, last: info.date))
            }
        }
        for offset in 0...span {
            let info = cal.dayInfo(firstDay.adding(days: offset))
            switch info.kind {
            case .holiday, .weekend: extend(&skipped, info)
            case .makeUpWorkday, .specialHours: extend(&added, info)
            case .unknownYear: unknown.insert(info.date.year)
            case .workday: break
            }
            // The start day is not counted in a day allowance (PRC Civil Code art. 201).
            if offset > 0 && info.isWorkingDay { counted.append(info.date) }
        }
        self.skipped = skipped
        self.added = added
        unknownYears = unknown.sorted()
        let unit = basis.allowance?.unit
        countedDays = unit == .workingDays ? Array(counted.prefix(basis.allowance?.amount ?? 0)) : []
        calendarDayEnd = unit == .calendarDays ? firstDay.adding(days: basis.allowance?.amount ?? 0) : nil
    }
}

extension CaseDesk {
    /// Every open clock of a case explained, as the actor may see the case (a hidden report case
    /// is not found, exactly like a number that does not exist).
    public func explainClocks(_ number: String, actor: Actor) throws -> (ComplaintCase, [ClockExplanation]) {
        let (c, _) = try detail(number, actor: actor)
        let now = clock.now()
        return (c, clocks(of: c).compactMap { ClockExplanation($0, at: now) })
    }
}
