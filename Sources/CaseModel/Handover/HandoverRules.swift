import GRDB

/// How a handover finds its window and horizon on the roster (docs/handover.md).
public enum HandoverRules {
    /// The horizon when the roster names no next shift.
    public static let defaultHorizonSeconds: Int64 = 8 * 3600
    /// Hours a horizon may be asked for.
    public static let horizonHours: ClosedRange<Int> = 1...72
    /// How far back `--since` may reach.
    public static let longestWindowSeconds: Int64 = 7 * 86_400
    /// An acknowledgement this long before a shift change still counts for it (the incoming
    /// lead often arrives early).
    public static let earlyAcknowledgementSeconds: Int64 = 3600
    /// A next shift starting this close to the end of the one handed over is the incoming one.
    static let incomingToleranceSeconds: Int64 = 2 * 3600

    /// Active team leads' shifts around `now` (three days back, two ahead), with their display names.
    static func leadShifts(around now: Instant, _ db: Database) throws -> [(shift: PlannedShift, name: String)] {
        let leads = Dictionary(uniqueKeysWithValues: try Roster.all(db).filter { $0.active && $0.role == .teamLead }.map { ($0.name, $0.displayName) })
        return try Roster.shifts(overlapping: now.adding(seconds: -3 * 86_400), now.adding(seconds: 2 * 86_400), db)
            .compactMap { s in leads[s.userName].map { (s, $0) } }
    }

    /// The window of `span` at `now`, and the horizon in seconds (`hours`, else the incoming
    /// shift's length, else the default).
    static func window(_ span: HandoverSpan, now: Instant, hours: Int?, _ db: Database) throws -> (HandoverWindow, Int64) {
        if let hours { try DeskBounds.check(hours, in: horizonHours, field: "--hours") }
        let leads = try leadShifts(around: now, db)
        var window: HandoverWindow
        let reference: Instant
        switch span {
        case let .since(t):
            try DeskBounds.checkInstant(t, field: "--since")
            guard t < now else { throw DomainError.malformedField(field: "--since", reason: .sinceNotBeforeNow(now: now)) }
            guard now.seconds - t.seconds <= longestWindowSeconds else {
                throw DomainError.malformedField(field: "--since", reason: .handoverTooLong(days: Int(longestWindowSeconds / 86_400)))
            }
            window = HandoverWindow(from: t, to: now, shift: nil, outgoing: [])
            reference = now
        case .shift:
            let candidates = leads.filter { $0.shift.startsAt < now && $0.shift.endsAt > now.adding(seconds: -86_400) }
            guard let chosen = candidates.min(by: { a, b in
                let da = abs(a.shift.endsAt.seconds - now.seconds), db = abs(b.shift.endsAt.seconds - now.seconds)
                return da != db ? da < db : (a.shift.endsAt, a.shift.id) < (b.shift.endsAt, b.shift.id)
            }) else {
                throw DomainError.malformedField(field: "shift", reason: .noEndingLeadShift)
            }
            let end = chosen.shift.endsAt
            let outgoing = candidates.filter { abs($0.shift.endsAt.seconds - end.seconds) <= 1800 }.map(\.name)
            window = HandoverWindow(from: chosen.shift.startsAt, to: min(end, now), shift: chosen.shift,
                                    outgoing: Array(Set(outgoing)).sorted())
            reference = end
        }
        let incoming = leads.filter { $0.shift.id != window.shift?.id && abs($0.shift.startsAt.seconds - reference.seconds) <= incomingToleranceSeconds }
            .min { abs($0.shift.startsAt.seconds - reference.seconds) < abs($1.shift.startsAt.seconds - reference.seconds) }
        window.incoming = incoming?.shift
        window.incomingName = incoming?.name
        let horizon = hours.map { Int64($0) * 3600 } ?? incoming?.shift.seconds ?? defaultHorizonSeconds
        return (window, horizon)
    }

    /// The latest team-lead shift end at or before `now` (within three days).
    static func lastShiftChange(before now: Instant, _ db: Database) throws -> Instant? {
        try leadShifts(around: now, db).map(\.shift.endsAt).filter { $0 <= now }.max()
    }
}
