import Synchronization

/// A calendar's day table, built the first time a computation needs it.
///
/// Every command loads the desk's calendars at start, but many (a holiday summary, a listing)
/// never count working time on some or all of them; building each century table only when first
/// asked spares those commands the work (docs/bulk-data.md, "Start-up"). Once built, reading it
/// is one atomic load, so the report's clocks running on several cores do not queue for a lock;
/// two threads asking at the very first moment may both build it, and one table is kept.
final class LazyDayTable: Sendable {
    private let definition: CalendarDefinition
    private let built = AtomicLazyReference<DayTable>()

    init(_ definition: CalendarDefinition) { self.definition = definition }

    /// The table, built now if no one has asked before.
    var table: DayTable {
        if let t = built.load() { return t }
        return built.storeIfNil(DayTable(definition))
    }
}
