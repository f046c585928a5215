import GRDB

/// The alerts the desk shows now, worst first.
public enum DeskAlerts {
    /// Current alerts at `now` (at most `limit`), critical first, then newest.
    public static func current(_ desk: CaseDesk, at now: Instant, limit: Int = 50) throws -> [DeskAlert] {
        []
    }
}

/// Active crisis events for the ticker.
public enum DeskCrises {
    /// Active crisis events (proposed or declared, not archived), mass incidents first.
    public static func active(_ desk: CaseDesk, at now: Instant) throws -> [CrisisSummary] {
        []
    }
}
