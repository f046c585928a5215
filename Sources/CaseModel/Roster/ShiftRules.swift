import GRDB

/// The roster's rules for a shift, and the gaps in team-lead cover (docs/roster.md).
///
/// A shift is refused when it is out of bounds (`DeskBounds.checkShift`), names a person who is
/// not an active user, overlaps another shift of the same person, or lies outside the holiday
/// window while one is set. A gap in team-lead cover is not refused — a plan is built shift by
/// shift and has gaps until it is complete — but every change reports the gaps that remain.
public enum ShiftRules {
    /// Refuses `shift` (replacing `replacing`, when it is a move) as the roster stands in `db`.
    static func check(_ shift: Shift, replacing: Int64? = nil, _ db: Database) throws {
        try DeskBounds.checkShift(startsAt: shift.startsAt, endsAt: shift.endsAt)
        guard let user = try Roster.user(shift.userName, db) else {
            throw DomainError.malformedField(field: "user", reason: .notOnRoster(name: shift.userName, listHint: false))
        }
        guard user.active else { throw DomainError.malformedField(field: "user", reason: .handlerDisabled(name: shift.userName)) }
        if let w = try Roster.window(db) { try inside(shift, w) }
        if let other = try Roster.personsShifts(shift.userName, overlapping: shift.startsAt, shift.endsAt, excluding: replacing, db).first {
            throw overlap(shift, other)
        }
    }

    /// Refuses a shift outside the window.
    static func inside(_ shift: Shift, _ w: RosterWindow) throws {
        guard shift.startsAt >= w.from && shift.endsAt <= w.to else {
            throw DomainError.malformedField(field: "shift", reason: .shiftOutsideWindow(from: shift.startsAt, to: shift.endsAt,
                                                                                         windowFrom: w.from, windowTo: w.to))
        }
    }

    /// The refusal for two shifts of one person that overlap.
    static func overlap(_ shift: Shift, _ other: PlannedShift) -> DomainError {
        .malformedField(field: "shift", reason: .shiftOverlaps(name: shift.userName, from: shift.startsAt, to: shift.endsAt,
                                                               otherID: other.id > 0 ? other.id : nil,
                                                               otherFrom: other.startsAt, otherTo: other.endsAt))
    }

    /// The stretches of `[from, to)` in the duty calendar's working hours with no team lead on
    /// duty, given the shifts of active team leads. Adjacent stretches are joined (across
    /// midnight on a 24-hour calendar).
    public static func leadGaps(from: Instant, to: Instant, duty: WorkCalendar, leadShifts: [PlannedShift]) -> [RosterGap] {
        guard from < to else { return [] }
        let t = DeskTime.standard
        var cover = leadShifts.map { ($0.startsAt, $0.endsAt) }.sorted { $0.0 < $1.0 }
        // Merge the cover into disjoint stretches.
        var merged: [(Instant, Instant)] = []
        for c in cover {
            if let last = merged.last, c.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, c.1) } else { merged.append(c) }
        }
        cover = merged
        var gaps: [RosterGap] = []
        func add(_ g: RosterGap) {
            if let last = gaps.last, last.to == g.from { gaps[gaps.count - 1].to = g.to } else { gaps.append(g) }
        }
        var day = t.civil(from).date
        let lastDay = t.civil(to).date
        while day <= lastDay {
            let midnight = t.instant(CivilDateTime(date: day, hour: 0, minute: 0))
            for p in duty.dayInfo(day).periods {
                var a = max(from, midnight.adding(seconds: Int64(p.start)))
                let b = min(to, midnight.adding(seconds: Int64(p.end)))
                for c in cover where c.1 > a && c.0 < b {
                    if c.0 > a { add(RosterGap(from: a, to: c.0)) }
                    a = max(a, c.1)
                }
                if a < b { add(RosterGap(from: a, to: b)) }
            }
            day = day.adding(days: 1)
        }
        return gaps
    }

    /// The team-lead gaps in `[from, to)` as the roster stands in `db`.
    static func leadGaps(from: Instant, to: Instant, policy: DeskPolicy, _ db: Database) throws -> [RosterGap] {
        guard let duty = policy.calendars["duty"] else { return [] }
        let leads = Set(try Roster.all(db).filter { $0.active && $0.role == .teamLead }.map(\.name))
        let shifts = try Roster.shifts(overlapping: from, to, db).filter { leads.contains($0.userName) }
        return leadGaps(from: from, to: to, duty: duty, leadShifts: shifts)
    }
}
