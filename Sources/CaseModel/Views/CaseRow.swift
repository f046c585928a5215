/// A case with its stage clocks, as lists show it: the clocks are read at every tick without
/// going back to the store.
public struct CaseRow: Sendable {
    public var item: ComplaintCase
    public var clocks: [StageClock]

    /// Creates a row.
    public init(_ item: ComplaintCase, clocks: [StageClock]) { self.item = item; self.clocks = clocks }
    /// The case number.
    public var number: String { item.number }
}
