import CaseModel
import TerminalKit

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
    /// A stand-in has no desk: `intakeDefaults` is not offered.
    public func intakeDefaults(at now: Instant) throws -> IntakeDefaults { IntakeDefaults(branch: "") }
    /// A stand-in has no desk: `repeatSuggestions` is not offered.
    public func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate] { [] }
    /// A stand-in has no desk: `intake` is not offered.
    public func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?) { throw Self.unavailable }
    /// A stand-in has no desk: `act` is not offered.
    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase { throw Self.unavailable }
    /// A stand-in has no desk: `setSeverity` is not offered.
    public func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase { throw Self.unavailable }
    /// A stand-in has no desk: `linkRepeat` is not offered.
    public func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase { throw Self.unavailable }
    /// A stand-in has no desk: `determineValidity` is not offered.
    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws { throw Self.unavailable }
    /// A stand-in has no desk: `declareCrisis` is not offered.
    public func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64 { throw Self.unavailable }
    /// A stand-in has no desk: `reveal` is not offered.
    public func reveal(_ number: String, reason: String) throws -> CaseDetail { throw Self.unavailable }
    /// A stand-in has no desk: `crisisBoard` is not offered.
    public func crisisBoard() throws -> CrisisBoardData { CrisisBoardData(events: [], policy: CrisisPolicy()) }
    /// A stand-in has no desk: `proposeCrisis` is not offered.
    public func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64 { throw Self.unavailable }
    /// A stand-in has no desk: `declareCrisis` is not offered.
    public func declareCrisis(_ id: Int64) throws { throw Self.unavailable }
    /// A stand-in has no desk: `dismissCrisis` is not offered.
    public func dismissCrisis(_ id: Int64, reason: String) throws { throw Self.unavailable }
    /// A stand-in has no desk: `fileCrisisReport` is not offered.
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws { throw Self.unavailable }
    /// A stand-in has no desk: `closeCrisis` is not offered.
    public func closeCrisis(_ id: Int64, cause: String, lessons: String) throws { throw Self.unavailable }
    /// A stand-in has no desk: `archiveCrisis` is not offered.
    public func archiveCrisis(_ id: Int64) throws { throw Self.unavailable }
}
