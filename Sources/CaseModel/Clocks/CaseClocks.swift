/// The clocks of a case, derived from its fields and the policy (so they never drift).
extension CaseDesk {
    /// Every open stage's clock, soonest due first. Venting cases have none.
    public func clocks(of c: ComplaintCase) -> [StageClock] {
        policy.clocks(of: c)
    }
}
