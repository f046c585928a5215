import GRDB
import GRDBSQLite

/// The row passes of `audit verify`: every audited row against the digest the events say it has,
/// then, for the rows that differ, the values the events recorded, so that each difference names
/// its field: `TS-20260217-0042: status is closed, the events say investigating`
/// (docs/audit-trail.md).
struct AuditRowCheck {
    let replay: AuditReplay
    let key: AuditKey
    /// What the reader may see: report cases (举报件) are "a restricted record" otherwise.
    let visibility: CaseVisibility

    private enum Problem {
        case differs(event: Int64)
        case unexpected
        case deletedButPresent(event: Int64)
        case missing(event: Int64)
    }

    private struct Target {
        var scan: AuditTableScan
        var key: String
        var actual: [AuditValue]?
        var problem: Problem
    }

    /// What the events say a row holds, rebuilt for one row.
    private struct Replayed {
        var values: [String: AuditValue] = [:]
        /// Every column is known (the row was recorded whole: inserted since the trail was keyed).
        var complete = false
        var exists = false
    }

    /// Compares every row; returns how many rows were read and the differences.
    func run(_ db: Database) throws -> (rows: Int, differences: [AuditDifference]) {
        var rows = 0
        var targets: [Target] = []
        for table in AuditedTable.all {
            guard let scan = try AuditTableScan(table, db) else { continue }
            var present = 0
            try scan.forEach(db, key: key) { rowKey, digest, s in
                rows += 1
                guard let e = replay.expectation(table.name, rowKey) else {
                    targets.append(Target(scan: scan, key: rowKey, actual: scan.values(s), problem: .unexpected))
                    return
                }
                guard e.digest != nil else {
                    targets.append(Target(scan: scan, key: rowKey, actual: scan.values(s), problem: .deletedButPresent(event: e.event)))
                    return
                }
                present += 1
                if e.digest != digest {
                    targets.append(Target(scan: scan, key: rowKey, actual: scan.values(s), problem: .differs(event: e.event)))
                }
            }
            if present < replay.liveRows(table.name) {
                targets += try missing(scan, db)
            }
        }
        if targets.isEmpty { return (rows, []) }
        let replayed = try rebuild(targets, db)
        var out: [AuditDifference] = []
        for t in targets {
            out += try describe(t, replayed[t.scan.table.name + "\t" + t.key] ?? Replayed(), db)
        }
        return (rows, out)
    }

    /// Rows the events say exist that the table does not hold.
    private func missing(_ scan: AuditTableScan, _ db: Database) throws -> [Target] {
        var out: [Target] = []
        let condition = scan.table.key.map { "\"\($0)\" = ?" }.joined(separator: " AND ")
        let stmt = try db.makeStatement(sql: "SELECT 1 FROM \"\(scan.table.name)\" WHERE \(condition)")
        var keys: [(String, Int64)] = []
        replay.tables[scan.table.name]?.forEach { k, e in if e.digest != nil { keys.append((k, e.event)) } }
        for (rowKey, event) in keys {
            var p = AuditJSONParser(Array(rowKey.utf8))
            guard let values = p.array() else { continue }
            let args = StatementArguments(values.map { v -> DatabaseValueConvertible? in
                switch v {
                case .int(let i): return i
                case .real(let d): return d
                case .text(let t): return String(decoding: t, as: UTF8.self)
                default: return nil
                }
            })
            if try Int.fetchOne(stmt, arguments: args) == nil {
                out.append(Target(scan: scan, key: rowKey, actual: nil, problem: .missing(event: event)))
            }
        }
        return out
    }

    /// Replays the recorded values of the target rows only.
    private func rebuild(_ targets: [Target], _ db: Database) throws -> [String: Replayed] {
        var out: [String: Replayed] = [:]
        var columns: [String: [String]] = [:]
        for t in targets {
            out[t.scan.table.name + "\t" + t.key] = Replayed()
            columns[t.scan.table.name] = t.scan.columns
        }
        let from = replay.keyedAt ?? 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT row_changes FROM events WHERE id >= ? AND row_changes IS NOT NULL ORDER BY id", arguments: [from])
        while let row = try cursor.next() {
            let text: String = row[0]
            RowChange.forEach(Array(text.utf8)) { c in
                let id = c.table + "\t" + c.key
                guard var r = out[id], let cols = columns[c.table] else { return }
                switch c.op {
                case .delete:
                    r = Replayed(values: [:], complete: true, exists: false)
                case .insert, .baseline, .update:
                    if c.op != .update { r = Replayed() }
                    r.exists = true
                    switch RowValues.parse(c.values) {
                    case .positional(let values)?:
                        for (i, col) in cols.enumerated() { r.values[col] = i < values.count ? values[i] : .null }
                        r.complete = true
                    case .named(let pairs)?:
                        for (col, v) in pairs { r.values[col] = v }
                    case nil:
                        break
                    }
                }
                out[id] = r
            }
        }
        return out
    }

    private func describe(_ t: Target, _ r: Replayed, _ db: Database) throws -> [AuditDifference] {
        let table = t.scan.table
        func value(_ column: String) -> AuditValue? {
            if let actual = t.actual, let i = t.scan.columns.firstIndex(of: column) { return actual[i] }
            return r.values[column]
        }
        let (label, restricted) = try self.label(table, value, replayedKind: r.values["kind"], db)
        let record = restricted ? "a restricted record" : label
        func line(_ text: String, field: String? = nil, actual: String? = nil, expected: String? = nil) -> AuditDifference {
            AuditDifference(kind: .row, record: record, field: field, actual: actual, expected: expected, message: "\(record): \(text)")
        }
        switch t.problem {
        case .unexpected:
            return [line("this row was not created by any event (added outside the console)")]
        case .deletedButPresent(let event):
            return [line("the events deleted this row (event \(event)), yet it is in the table")]
        case .missing(let event):
            return [line("the events say this row exists (last changed by event \(event)), but it is not in the table")]
        case .differs(let event):
            guard let actual = t.actual else { return [] }
            var out: [AuditDifference] = []
            for (i, column) in t.scan.columns.enumerated() {
                let now = actual[i].recorded(table, column, key.mac)
                guard let said = r.values[column] ?? (r.complete ? .null : nil), said != now else { continue }
                if restricted {
                    out.append(line("\(column) differs from the events", field: column))
                } else if case .digest = now {
                    out.append(line("\(column) differs from what the events recorded (personal data, compared by keyed digest)", field: column))
                } else if case .digest = said {
                    out.append(line("\(column) differs from what the events recorded (personal data, compared by keyed digest)", field: column))
                } else if table.name == "users" && column == "role" {
                    out.append(AuditDifference(kind: .row, record: record, field: column, actual: now.display, expected: said.display,
                                               message: "\(record) is \(now.display), the events say \(said.display)"))
                } else {
                    out.append(line("\(column) is \(now.display), the events say \(said.display)", field: column,
                                    actual: now.display, expected: said.display))
                }
            }
            if out.isEmpty {
                out.append(line(r.complete
                    ? "differs from what the events recorded (event \(event))"
                    : "differs from its state at the audit baseline (event \(replay.baselineThrough ?? event)) in a field recorded there only as a digest; which field cannot be told"))
            }
            return out
        }
    }

    /// How a difference line names a row, and whether the reader may not see it.
    private func label(_ table: AuditedTable, _ v: (String) -> AuditValue?, replayedKind: AuditValue?, _ db: Database) throws -> (String, Bool) {
        func text(_ column: String) -> String { v(column).map { $0.display } ?? "?" }
        func caseOf(_ column: String) throws -> (String, Bool) {
            guard case .int(let id)? = v(column),
                  let row = try Row.fetchOne(db, sql: "SELECT number, kind FROM cases WHERE id = ?", arguments: [id]) else {
                return ("case \(text(column))", replay.isReport(caseId: { if case .int(let i)? = v(column) { return i }; return nil }()))
            }
            let kind: String = row[1]
            return (row[0], kind == CaseKind.report.rawValue || replay.isReport(caseId: id))
        }
        let hides = visibility == .standard
        switch table.name {
        case "cases":
            let report = [v("kind"), replayedKind].contains { if case .text(let t)? = $0 { return t.elementsEqual("report".utf8) }; return false }
                || { if case .int(let id)? = v("id") { return replay.isReport(caseId: id) }; return false }()
            return (text("number"), report && hides)
        case "users": return ("users: \(text("name"))", false)
        case "settings": return ("settings: \(text("key"))", false)
        case "shifts": return ("shift \(text("id")) (\(text("user_name")))", false)
        case "crisis_events": return ("crisis event \(text("id"))", false)
        case "crisis_cases":
            let (number, report) = try caseOf("case_id")
            return ("crisis event \(text("event_id")), case \(number)", report && hides)
        case "crisis_reports": return ("crisis event \(text("event_id")) report \(text("id"))", false)
        case "penalties":
            let (number, report) = try caseOf("case_id")
            return ("penalty \(text("id")) (\(number), \(text("person")))", report && hides)
        case "branch_figures": return ("figures \(text("branch")) \(text("month"))", false)
        default: return ("\(table.name) \(text(table.key.first ?? ""))", false)
        }
    }
}
