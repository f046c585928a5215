import Foundation
import GRDB

/// What is wrong with one line of a shift plan (or the file as a whole, line 0), typed so that it
/// reads in the user's language (docs/refusals.md).
public enum ShiftImportProblem: Sendable, Equatable {
    /// The desk refused the line (an unknown person, a bad time, an overlap).
    case refused([Refusal])
    /// The line overlaps an earlier line of the same file.
    case overlapsLine([Refusal], line: Int)
    case noSuchFile
    case unreadable(String)
    case noHeader
    /// The header has no column for `what` (`user`, `from`, `to`).
    case noColumn(what: String, expected: [String])
    case tooManyLines(Int)
    case csv(CSVError)
    case noShift

    /// The problem in a language.
    public func text(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .refused(let r): return r.map { $0.text(language) }.joined(separator: zh ? "；" : "; ")
        case let .overlapsLine(r, line):
            return r.map { $0.text(language) }.joined(separator: zh ? "；" : "; ") + (zh ? "（与第 \(line) 行重叠）" : " (line \(line))")
        case .noSuchFile: return zh ? "文件不存在" : "no such file"
        case .unreadable(let why): return zh ? "无法读取：\(why)" : "cannot be read: \(why)"
        case .noHeader: return zh ? "文件为空：第一行应为表头 user,from,to（或 姓名,开始,结束）" : "empty: expected a header line user,from,to"
        case let .noColumn(what, expected):
            let name = ["user": "人员", "from": "开始", "to": "结束"][what] ?? what
            return zh ? "表头中没有“\(name)”列（应为其中之一：\(expected.joined(separator: "、"))）"
                : "no \(what) column in the header (expected one of: \(expected.joined(separator: ", ")))"
        case .tooManyLines(let n): return zh ? "一份排班表最多 \(DeskBounds.show(n)) 个班次" : "more than \(DeskBounds.show(n)) shifts in one plan"
        case .csv(let e): return e.text(language)
        case .noShift: return zh ? "文件中没有班次" : "no shift in the file"
        }
    }
}

/// Every bad line of a shift plan, named by file and line: nothing was imported.
public struct ShiftImportErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// Each bad line and what is wrong with it.
    public let problems: [(line: Int, problem: ShiftImportProblem)]

    /// Creates the errors of a file.
    public init(file: String, problems: [(line: Int, problem: ShiftImportProblem)]) {
        self.file = file
        self.problems = problems
    }

    /// Each bad line with its problem in English.
    public var errors: [(line: Int, message: String)] { problems.map { ($0.line, $0.problem.text(.en)) } }

    public static func == (a: ShiftImportErrors, b: ShiftImportErrors) -> Bool {
        a.file == b.file && a.problems.map(\.line) == b.problems.map(\.line) && a.problems.map(\.problem) == b.problems.map(\.problem)
    }

    /// `plan.csv:4: …` (`plan.csv 第 4 行：…`), one line per problem, then that nothing was imported.
    public func text(_ language: Language) -> String {
        if language == .zh {
            return problems.map { "\(file) \($0.line > 0 ? "第 \($0.line) 行" : "")：\($0.problem.text(.zh))" }.joined(separator: "\n")
                + "\n\(file)：\(problems.count) 行有误，未导入任何班次"
        }
        return problems.map { "\(file):\($0.line): \($0.problem.text(.en))" }.joined(separator: "\n")
            + "\n\(file): \(problems.count) bad line(s); no shift was imported"
    }

    /// The English text.
    public var description: String { text(.en) }
}

/// What an import did.
public struct ShiftImportResult: Sendable, Equatable {
    public var added: [PlannedShift]
    /// Shifts removed first (`replace`): every shift overlapping the plan's span.
    public var removed: Int
    public var gaps: [RosterGap]
}

/// A holiday's shifts from one CSV file, all or nothing (docs/roster.md): a header with the
/// columns `user`, `from`, `to` (also `姓名`/`值班人`, `开始`, `结束`), one shift per line; the
/// user by login or by display name when only one user has it.
public enum ShiftImport {
    /// At most this many lines in one plan.
    public static let maxLines = 10_000
    static let userColumns = ["user", "login", "name", "姓名", "值班人", "人员"]
    static let fromColumns = ["from", "start", "starts_at", "开始", "开始时间"]
    static let toColumns = ["to", "end", "ends_at", "结束", "结束时间"]

    /// One line of the file.
    struct Line {
        var line: Int
        var user: String
        var from: String
        var to: String
    }

    /// Reads the file's lines (strict UTF-8; every problem of shape named at once).
    static func read(_ path: String) throws -> [Line] {
        let name = (path as NSString).lastPathComponent
        func fail(_ line: Int, _ problem: ShiftImportProblem) -> ShiftImportErrors { ShiftImportErrors(file: name, problems: [(line, problem)]) }
        guard FileManager.default.fileExists(atPath: path) else { throw fail(0, .noSuchFile) }
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch let e as CSVError { throw fail(0, .csv(e)) } catch { throw fail(0, .unreadable("\(error)")) }
        var lines: [Line] = []
        do {
            guard let header = try reader.next() else { throw fail(1, .noHeader) }
            let names = try header.strings().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            func column(_ wanted: [String], _ what: String) throws -> Int {
                guard let i = names.firstIndex(where: { wanted.contains($0) }) else {
                    throw fail(header.line, .noColumn(what: what, expected: wanted))
                }
                return i
            }
            let u = try column(userColumns, "user"), f = try column(fromColumns, "from"), t = try column(toColumns, "to")
            while let r = try reader.next() {
                if lines.count >= maxLines { throw fail(r.line, .tooManyLines(maxLines)) }
                func cell(_ i: Int) throws -> String { (try r.stringIfPresent(i) ?? "").trimmingCharacters(in: .whitespaces) }
                lines.append(Line(line: r.line, user: try cell(u), from: try cell(f), to: try cell(t)))
            }
        } catch let e as CSVError {
            throw fail(e.line, .csv(e))
        }
        return lines
    }
}

extension CaseDesk {
    /// Imports a holiday's shift plan from a CSV file: every line checked like `addShift`
    /// (person, bounds, holiday window, no overlap with the person's other shifts, the file's
    /// own lines included), all or nothing, each bad line named. With `replace`, the shifts
    /// already on the roster that overlap the plan's span are removed first (a corrected plan
    /// imported again replaces the old one).
    public func importShifts(path: String, replace: Bool = false, actor: Actor) throws -> ShiftImportResult {
        let lines = try ShiftImport.read(path)
        let name = (path as NSString).lastPathComponent
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            var errors: [(Int, ShiftImportProblem)] = []
            var planned: [(line: Int, shift: Shift)] = []
            let window = try Roster.window(db)
            for l in lines {
                do {
                    guard !l.user.isEmpty else { throw DomainError.missingField("user") }
                    guard let user = try Roster.resolve(l.user, db) else {
                        throw DomainError.malformedField(field: "user", reason: .notOneUserOnRoster(name: l.user))
                    }
                    guard user.active else { throw DomainError.malformedField(field: "user", reason: .handlerDisabled(name: l.user)) }
                    let a = try DeskTime.standard.read(l.from, field: "from"), b = try DeskTime.standard.read(l.to, field: "until")
                    let s = Shift(userName: user.name, startsAt: a, endsAt: b)
                    try DeskBounds.checkShift(startsAt: a, endsAt: b)
                    if let window { try ShiftRules.inside(s, window) }
                    planned.append((l.line, s))
                } catch let e as DomainError {
                    errors.append((l.line, .refused(e.refusals)))
                }
            }
            guard !planned.isEmpty || !errors.isEmpty else {
                throw ShiftImportErrors(file: name, problems: [(1, .noShift)])
            }
            let span = (planned.map(\.shift.startsAt).min() ?? now, planned.map(\.shift.endsAt).max() ?? now)
            let removing = replace ? try Roster.shifts(overlapping: span.0, span.1, db) : []
            let removed = Set(removing.map(\.id))
            // Overlaps with the roster as it will stand, and between the file's own lines.
            var byUser: [String: [(line: Int, shift: Shift)]] = [:]
            for p in planned { byUser[p.shift.userName, default: []].append(p) }
            for (user, items) in byUser {
                let sorted = items.sorted { $0.shift.startsAt < $1.shift.startsAt }
                for (i, p) in sorted.enumerated() {
                    if i > 0, sorted[i - 1].shift.endsAt > p.shift.startsAt {
                        let o = sorted[i - 1].shift
                        errors.append((p.line, .overlapsLine(ShiftRules.overlap(p.shift, PlannedShift(id: 0, userName: user, startsAt: o.startsAt, endsAt: o.endsAt)).refusals,
                                                             line: sorted[i - 1].line)))
                        continue
                    }
                    if let other = try Roster.personsShifts(user, overlapping: p.shift.startsAt, p.shift.endsAt, db).first(where: { !removed.contains($0.id) }) {
                        errors.append((p.line, .refused(ShiftRules.overlap(p.shift, other).refusals)))
                    }
                }
            }
            if !errors.isEmpty {
                throw ShiftImportErrors(file: name, problems: errors.sorted { $0.0 < $1.0 }.map { (line: $0.0, problem: $0.1) })
            }
            for old in removing {
                try RosterTable.removeShift(old.id, db)
                var detail = Self.shiftDetail(Shift(userName: old.userName, startsAt: old.startsAt, endsAt: old.endsAt), id: old.id)
                detail["import"] = name
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "shift-remove", detail: detail), db)
            }
            var added: [PlannedShift] = []
            for p in planned {
                let id = try RosterTable.insertShift(p.shift, db)
                var detail = Self.shiftDetail(p.shift, id: id)
                detail["import"] = name
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "shift-add", detail: detail), db)
                added.append(PlannedShift(id: id, userName: p.shift.userName, startsAt: p.shift.startsAt, endsAt: p.shift.endsAt))
            }
            return ShiftImportResult(added: added, removed: removing.count, gaps: try gapsAround(added, db))
        }
    }
}
