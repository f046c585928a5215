import CaseModel
import ConsoleTestSupport

/// Reads as the fixture's team lead (the product's reads all take an actor).
extension CaseDesk {
    func detail(_ number: String) throws -> (ComplaintCase, [CaseEvent]) { try detail(number, actor: Actor(name: Fixture.user)) }
    func crisisEvent(_ id: Int64) throws -> CrisisEvent { try crisisEvent(id, actor: Actor(name: Fixture.user)) }
    func crisisEvents(activeOnly: Bool = false) throws -> [CrisisEvent] { try crisisEvents(activeOnly: activeOnly, actor: Actor(name: Fixture.user)) }
}
