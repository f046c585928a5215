import CaseModel

/// Another console saved the case first; raised by a data source so the screen can say who and when.
public struct CaseConflict: Error, CustomStringConvertible {
    public var info: ConflictInfo
    /// Creates the error.
    public init(_ info: ConflictInfo) { self.info = info }
    public var description: String { "\(info.number) was changed by \(info.changedBy) at \(DeskTime.standard.short(info.changedAt))" }
}

/// Stand-ins without a desk offer none of part 2's commands.
extension DeskDataSource {
    static var unavailable: NotAvailable { NotAvailable("not available here / 此处不可用") }
    public func intakeDefaults(at now: Instant) throws -> IntakeDefaults { IntakeDefaults(branch: "") }
    public func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate] { [] }
    public func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?) { throw Self.unavailable }
    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase { throw Self.unavailable }
    public func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase { throw Self.unavailable }
    public func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase { throw Self.unavailable }
    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws { throw Self.unavailable }
    public func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64 { throw Self.unavailable }
    public func reveal(_ number: String, reason: String) throws -> CaseDetail { throw Self.unavailable }
    public func crisisBoard() throws -> CrisisBoardData { CrisisBoardData(events: [], policy: CrisisPolicy()) }
    public func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64 { throw Self.unavailable }
    public func declareCrisis(_ id: Int64) throws { throw Self.unavailable }
    public func dismissCrisis(_ id: Int64, reason: String) throws { throw Self.unavailable }
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws { throw Self.unavailable }
    public func closeCrisis(_ id: Int64, cause: String, lessons: String) throws { throw Self.unavailable }
    public func archiveCrisis(_ id: Int64) throws { throw Self.unavailable }
}
