import Foundation
import GRDB

/// Imports branch figures from CSV (`console figures import FILE`): validated, all or nothing.
///
/// The header must name exactly `branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons`
/// (any order). A row needs a branch and a `YYYY-MM` month; an empty figure leaves that figure
/// unchanged; every figure must be a non-negative number (counts whole). A branch and month may
/// appear only once. Every bad line is reported with its line number and nothing is written
/// unless the whole file is good.
public enum BranchFiguresImport {
    /// The expected columns.
    public static let columns = ["branch", "month", "claim_reports", "premium", "policies_new", "policies_in_force", "insured_persons"]

    /// A refused file: every problem, each with its line.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Parses and checks the CSV text; returns the rows or throws `Failure` listing every problem.
    public static func parse(_ text: String) throws -> [BranchFigures] {
        let reader = CSVReader(string: text)
        var problems: [String] = []
        var records: [CSVRecord] = []
        do { records = try reader.readAll() } catch { throw Failure(problems: ["\(error)"]) }
        guard let header = records.first else { throw Failure(problems: ["line 1: empty file (expected the header \(columns.joined(separator: ",")))"]) }
        let names = (0..<header.count).map { (try? header.string($0))?.trimmingCharacters(in: .whitespaces).lowercased() ?? "" }
        do { try CSVHeader.checkUnique(names, line: header.line) } catch { throw Failure(problems: ["\(error)"]) }
        guard Set(names) == Set(columns), names.count == columns.count else {
            throw Failure(problems: ["line \(header.line): header must be \(columns.joined(separator: ",")) (got \(names.joined(separator: ",")))"])
        }
        let at = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var out: [BranchFigures] = []
        var seen: [String: Int] = [:]
        for r in records.dropFirst() {
            guard r.count == columns.count else { problems.append("line \(r.line): \(r.count) fields, expected \(columns.count)"); continue }
            func field(_ name: String) -> String { (try? r.string(at[name]!))?.trimmingCharacters(in: .whitespaces) ?? "" }
            let branch = field("branch"), month = field("month")
            var bad: [String] = []
            if branch.isEmpty { bad.append("branch: required") }
            do { _ = try CivilDate.readMonth(month, field: "month") } catch { bad.append("\(error)") }
            do { try FieldText.check(branch, field: "branch") } catch { bad.append("\(error)") }
            func count(_ name: String) -> Int? {
                let v = field(name)
                if v.isEmpty { return nil }
                guard let n = Int(v), DeskBounds.count.contains(Int64(n)) else {
                    bad.append("\(name): expected a whole number from 0 to \(DeskBounds.show(DeskBounds.count.upperBound)), got \"\(v)\""); return nil
                }
                return n
            }
            let claims = count("claim_reports"), new = count("policies_new"), inForce = count("policies_in_force"), insured = count("insured_persons")
            var premium: Double?
            let p = field("premium")
            if !p.isEmpty {
                if let v = Double(p), v.isFinite, DeskBounds.yuan.contains(v) { premium = v } else {
                    bad.append("premium: expected an amount from 0 to \(DeskBounds.show(Int64(DeskBounds.yuan.upperBound))) yuan, got \"\(p)\"")
                }
            }
            let key = branch + "|" + month
            if bad.isEmpty, let first = seen[key] { bad.append("\(branch) \(month) already on line \(first)") }
            if !bad.isEmpty { problems.append("line \(r.line): " + bad.joined(separator: "; ")); continue }
            seen[key] = r.line
            out.append(BranchFigures(branch: branch, month: month, claimReports: claims, premium: premium, policiesNew: new,
                                     policiesInForce: inForce, insuredPersons: insured))
        }
        if !problems.isEmpty { throw Failure(problems: problems) }
        return out
    }

    /// Parses the file and writes every row in one transaction (audited like `figures set`); returns the row count.
    @discardableResult
    public static func run(_ desk: CaseDesk, text: String, actor: Actor) throws -> Int {
        let rows = try parse(text)
        try desk.store.write { db in
            let actor = try Permissions.require(.recordFigures, actor, db)
            for r in rows {
                try BranchFigures.write(r, actor: actor, at: desk.clock.now(), db)
            }
        }
        return rows.count
    }
}

extension BranchFigures {
    /// Writes one row's given figures (others keep their value) inside the caller's transaction,
    /// with an audited `figures` event like `set`.
    static func write(_ r: BranchFigures, actor: Actor, at now: Instant, _ db: Database) throws {
        try BranchFigureTable.merge(r, db)
        var detail = ["branch": r.branch, "month": r.month, "source": "import"]
        if let c = r.claimReports { detail["claim_reports"] = String(c) }
        if let p = r.premium { detail["premium"] = String(p) }
        try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "figures", detail: detail), db)
    }
}
