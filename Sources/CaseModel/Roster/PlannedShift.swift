/// A duty shift as the roster stores it: its row id (what `console users shift remove|move`
/// name), the person and the two instants.
public struct PlannedShift: Sendable, Equatable {
    public var id: Int64
    public var userName: String
    public var startsAt: Instant
    public var endsAt: Instant

    /// Creates a stored shift.
    public init(id: Int64, userName: String, startsAt: Instant, endsAt: Instant) {
        self.id = id
        self.userName = userName
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    /// Whether it shares any moment with `[from, to)`.
    public func overlaps(_ from: Instant, _ to: Instant) -> Bool { startsAt < to && from < endsAt }

    /// Length in seconds.
    public var seconds: Int64 { endsAt.seconds - startsAt.seconds }
}

/// A stretch of the duty calendar with no team lead on duty (docs/roster.md).
public struct RosterGap: Sendable, Equatable {
    public var from: Instant
    public var to: Instant
    /// Creates a gap.
    public init(from: Instant, to: Instant) { self.from = from; self.to = to }
}

/// The holiday window a team lead set for the roster: every shift recorded while it is set
/// must lie inside it, and the roster shows it day by day.
public struct RosterWindow: Sendable, Equatable {
    public var from: Instant
    public var to: Instant
    /// Creates a window.
    public init(from: Instant, to: Instant) { self.from = from; self.to = to }

    /// The settings key it is kept under.
    static let settingKey = "roster-window"

    /// `FROM/TO`, as stored.
    var stored: String { DeskTime.standard.format(from) + "/" + DeskTime.standard.format(to) }

    /// Reads the stored form; nil for anything else (a hand-edited value is ignored, not trusted).
    static func parse(_ text: String) -> RosterWindow? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let a = DeskTime.standard.parse(String(parts[0])), let b = DeskTime.standard.parse(String(parts[1])),
              a < b, DeskBounds.instants.contains(a.seconds), DeskBounds.instants.contains(b.seconds) else { return nil }
        return RosterWindow(from: a, to: b)
    }
}
