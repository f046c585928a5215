import GRDB

/// One shift on the roster board: the person, their phone as the reader may see it, and the
/// open cases they hold that the reader may see.
public struct RosterDuty: Sendable, Equatable {
    public var shift: PlannedShift
    public var user: DeskUser
    /// The work phone: whole for readers who dispatch work (`Permission.readStaffPhones`),
    /// masked (`138****5678`) for others, empty when none is recorded.
    public var phone: String
    public var openCases: Int
}

/// One calendar day of the board: its shifts, what the business calendar says of it, and the
/// stretches of the duty calendar with no team lead on duty.
public struct RosterDay: Sendable, Equatable {
    public var date: CivilDate
    /// The business calendar's word for the day (`春节`, a make-up working day), else empty.
    public var label: String
    public var kind: DayKind
    public var duties: [RosterDuty]
    public var gaps: [RosterGap]
}

/// The duty roster 值班表 as one reader may see it: who is on duty now and in the next 24 hours,
/// with role, team, phone and open load, and the plan day by day across the holiday with the
/// gaps in team-lead cover (docs/roster.md). The roster screen's read model; `console users
/// shift list` prints it.
public struct RosterBoard: Sendable, Equatable {
    public var now: Instant
    /// The days shown: the holiday window when one is set (or the range asked for), else today
    /// and tomorrow.
    public var from: Instant
    public var to: Instant
    public var window: RosterWindow?
    /// On duty at `now` (active users only).
    public var onDutyNow: [RosterDuty]
    /// Shifts starting after now and within the next 24 hours.
    public var next24Hours: [RosterDuty]
    public var days: [RosterDay]
    /// Every gap in `[from, to)`, in order.
    public var gaps: [RosterGap]
    /// Whether phones are shown whole to this reader.
    public var phonesShown: Bool
    /// Shifts recorded outside the window (set after they were recorded).
    public var outsideWindow: [RosterDuty]

    /// The most days one board covers (a quarter and a little).
    public static let longestDays = 93
}

extension CaseDesk {
    /// The roster board at `now` for `actor`, over `[from, to)` when given (else the holiday
    /// window, else today and tomorrow). Open loads count only the cases the reader may see.
    public func rosterBoard(from: Instant? = nil, to: Instant? = nil, actor: Actor) throws -> RosterBoard {
        let now = clock.now()
        let t = DeskTime.standard
        return try store.read { db in
            let actor = try Permissions.require(.readRoster, actor, db)
            let visibility = CaseVisibility.of(actor.role)
            let phones = Permissions.allows(actor.role, .readStaffPhones)
            let window = try Roster.window(db)
            let today = t.instant(CivilDateTime(date: t.civil(now).date, hour: 0, minute: 0))
            let start = from ?? window?.from ?? today
            var end = to ?? window?.to ?? today.adding(seconds: 2 * 86_400)
            if end <= start { end = start.adding(seconds: 86_400) }
            if end.seconds - start.seconds > Int64(RosterBoard.longestDays) * 86_400 {
                throw DomainError.malformedField(field: "range", reason: .rosterBoardTooLong(days: RosterBoard.longestDays))
            }
            let users = Dictionary(uniqueKeysWithValues: try Roster.all(db).map { ($0.name, $0) })
            let load = try AccessControl.openLoad(visibility, db)
            func duty(_ s: PlannedShift) -> RosterDuty? {
                guard let u = users[s.userName] else { return nil }
                let phone = u.phone.isEmpty ? "" : phones ? u.phone : Masking.maskIdentifier(u.phone)
                return RosterDuty(shift: s, user: u, phone: phone, openCases: load[u.name] ?? 0)
            }
            let spanFrom = min(start, now), spanTo = max(end, now.adding(seconds: 86_400))
            let shifts = try Roster.shifts(overlapping: spanFrom, spanTo, db)
            let onDuty = shifts.filter { $0.startsAt <= now && now < $0.endsAt && users[$0.userName]?.active == true }.compactMap(duty)
            let next = shifts.filter { $0.startsAt > now && $0.startsAt <= now.adding(seconds: 86_400) }.compactMap(duty)
            let gaps = try ShiftRules.leadGaps(from: start, to: end, policy: policy, db)
            let business = policy.calendars["business"]
            var days: [RosterDay] = []
            var day = t.civil(start).date
            while t.instant(CivilDateTime(date: day, hour: 0, minute: 0)) < end {
                let a = t.instant(CivilDateTime(date: day, hour: 0, minute: 0)), b = a.adding(seconds: 86_400)
                let info = business?.dayInfo(day)
                days.append(RosterDay(date: day, label: info?.label ?? "", kind: info?.kind ?? .workday,
                                      duties: shifts.filter { $0.overlaps(max(a, start), min(b, end)) }.compactMap(duty),
                                      gaps: gaps.compactMap { g in
                                          let x = max(g.from, a), y = min(g.to, b)
                                          return x < y ? RosterGap(from: x, to: y) : nil
                                      }))
                day = day.adding(days: 1)
            }
            let outside = window.map { w in shifts.filter { $0.overlaps(start, end) && ($0.startsAt < w.from || $0.endsAt > w.to) }.compactMap(duty) } ?? []
            return RosterBoard(now: now, from: start, to: end, window: window, onDutyNow: onDuty, next24Hours: next, days: days,
                               gaps: gaps, phonesShown: phones, outsideWindow: outside)
        }
    }
}
