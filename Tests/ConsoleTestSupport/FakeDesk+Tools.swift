import CaseModel
import ConsoleUI

/// The desk's tools on the fake desk: the script picker's, the handover's and the roster's slices
/// answer what the test put in, and record the commands asked for.
extension FakeDesk: ScriptsSource, HandoverSource, RosterSource {
    public func caseScripts(_ number: String) throws -> [FilledScript] {
        guard cases.contains(where: { $0.number == number }) else { throw DomainError.caseNotFound(number) }
        return fittingScripts
    }
    public func crisisScripts(_ id: Int64) throws -> [FilledScript] { fittingScripts.filter { $0.script.conditions.contains(.crisis) } }

    public func handover() throws -> Handover {
        guard let h = handoverShown else { throw NotAvailable("no handover on this fake desk") }
        return h
    }
    public func acknowledgeHandover(note: String) throws -> HandoverAcknowledgement {
        self.note(asked: "handover-ack \(note)")
        throw NotAvailable("the fake desk does not record acknowledgements")
    }

    public func rosterBoard() throws -> RosterBoard {
        guard let b = rosterShown else { throw NotAvailable("no roster on this fake desk") }
        return b
    }
    public func addShift(person: String, from: Instant, to: Instant) throws -> ShiftChange {
        note(asked: "shift-add \(person) \(DeskTime.standard.short(from))–\(DeskTime.standard.short(to))")
        throw NotAvailable("the fake desk does not plan shifts")
    }
    public func moveShift(_ id: Int64, from: Instant, to: Instant, person: String?) throws -> ShiftChange {
        note(asked: "shift-move \(id) \(person ?? "-") \(DeskTime.standard.short(from))–\(DeskTime.standard.short(to))")
        throw NotAvailable("the fake desk does not plan shifts")
    }
    public func removeShift(_ id: Int64) throws -> ShiftChange {
        note(asked: "shift-remove \(id)")
        throw NotAvailable("the fake desk does not plan shifts")
    }
}
