import CaseModel
import TerminalKit

/// Part 2's commands over the desk: each is the CaseModel command the command line calls, acting
/// as the console's user, so permissions, validation and events are the same.
extension CaseModelDataSource {
    /// `intakeDefaults` on the desk, as the console's user (see `DeskDataSource`).
    public func intakeDefaults(at now: Instant) throws -> IntakeDefaults {
        let branch = try desk.store.read { db in try IntakeQueries.defaultBranch(operator: actor.name, db) }
        return IntakeDefaults(branch: branch, channel: .phone, crisisPeople: desk.policy.crisis.people,
                              handlers: try roster(at: now).map(\.user.name))
    }

    /// `repeatSuggestions` on the desk, as the console's user (see `DeskDataSource`).
    public func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate] {
        try desk.repeatCandidates(phone: phone, idNumber: idNumber, policyNumber: policyNumber, actor: actor)
    }

    /// `intake` on the desk, as the console's user (see `DeskDataSource`).
    public func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?) {
        try desk.intake(draft, actor: actor, repeatOf: repeatOf, proposingCrisis: proposeCrisis)
    }

    /// `act` on the desk, as the console's user (see `DeskDataSource`).
    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase {
        try conflictNamed { try desk.act(number, action, input, actor: actor, expectedVersion: expectedVersion) }
    }

    /// `setSeverity` on the desk, as the console's user (see `DeskDataSource`).
    public func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase {
        try conflictNamed { try desk.setSeverity(number, to: severity, reason: reason, actor: actor, expectedVersion: expectedVersion) }
    }

    /// `linkRepeat` on the desk, as the console's user (see `DeskDataSource`).
    public func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase {
        try desk.linkRepeat(number, to: earlier, actor: actor)
    }

    /// `determineValidity` on the desk, as the console's user (see `DeskDataSource`).
    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws {
        _ = try desk.determineValidity(number, valid: valid, reason: reason, responsible: valid ? responsible : nil,
                                       lead: valid ? lead : nil, actor: actor)
    }

    /// `declareCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64 {
        // The event the rules (or intake) already proposed for this case, else a new one.
        let proposed = try desk.crisisEvents(activeOnly: true, actor: actor).first { $0.status == .proposed && $0.caseNumbers.contains(number) }?.id
        let id = try eventID ?? proposed ?? desk.proposeCrisis(title: title, cases: [number], trigger: .manual, actor: actor)
        try desk.declareCrisis(id, actor: actor)
        return id
    }

    /// `reveal` on the desk, as the console's user (see `DeskDataSource`).
    public func reveal(_ number: String, reason: String) throws -> CaseDetail {
        let (c, events) = try desk.reveal(number, reason: reason, actor: actor)
        return CaseDetail(item: c, events: events, clocks: desk.clocks(of: c), names: try userNames())
    }

    /// `crisisBoard` on the desk, as the console's user (see `DeskDataSource`).
    public func crisisBoard() throws -> CrisisBoardData {
        let events = try desk.crisisEvents(activeOnly: false, actor: actor)
        // Active events first (the ones whose clocks run), then the rest, newest first.
        let ordered = events.filter { $0.status.isActive } + events.filter { !$0.status.isActive }
        return CrisisBoardData(events: ordered, policy: desk.policy.crisis)
    }

    /// `proposeCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64 {
        try desk.proposeCrisis(title: title, cases: cases, trigger: trigger, actor: actor)
    }
    /// `declareCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func declareCrisis(_ id: Int64) throws { try desk.declareCrisis(id, actor: actor) }
    /// `dismissCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func dismissCrisis(_ id: Int64, reason: String) throws { try desk.dismissCrisis(id, reason: reason, actor: actor) }
    /// `fileCrisisReport` on the desk, as the console's user (see `DeskDataSource`).
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws {
        try desk.fileCrisisReport(id, kind: kind, to: whom, text: text, actor: actor)
    }
    /// `closeCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func closeCrisis(_ id: Int64, cause: String, lessons: String) throws { try desk.closeCrisis(id, cause: cause, lessons: lessons, actor: actor) }
    /// `archiveCrisis` on the desk, as the console's user (see `DeskDataSource`).
    public func archiveCrisis(_ id: Int64) throws { try desk.archiveCrisis(id, actor: actor) }

    /// Turns the desk's conflict into one that names the person as the roster shows them (王敏).
    private func conflictNamed<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let DomainError.conflict(number, _, _, by, at) {
            let shown = (try? desk.store.read { db in try Roster.user(by, db) })??.displayName ?? by
            throw CaseConflict(ConflictInfo(number: number, changedBy: shown, changedAt: at))
        }
    }
}
