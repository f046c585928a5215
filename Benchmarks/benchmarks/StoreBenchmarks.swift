import CaseModel
import Foundation
import GRDB

/// Queue queries and clock recomputation on a real database file.
enum StoreBenchmarks {
    static func queries(db path: String) throws {
        let store = try CaseStore(path: path)
        let (total, open) = try store.read { db in
            (try CaseRecords.count(CaseFilter(), db), try CaseRecords.count({ var f = CaseFilter(); f.openness = .open; return f }(), db))
        }
        print("database: \(path): \(total) cases, \(open) open")
        var matrixCells = 0
        let matrix = try Timing.samples(200) {
            matrixCells = try store.read { db in try CaseRecords.openMatrix(db) }.count
        }
        print("open cases by category × severity (\(matrixCells) rows): \(Timing.summary(matrix))")
        var nearest = CaseFilter()
        nearest.openness = .open; nearest.sort = .due; nearest.limit = 200
        var got = 0
        let due = try Timing.samples(200) {
            got = try store.read { db in try CaseRecords.list(nearest, db) }.count
        }
        print("the \(got) open cases nearest their deadline, decoded: \(Timing.summary(due))")
        var byHandler = nearest
        byHandler.handlers = ["zhangqiang"]
        let handler = try Timing.samples(200) { _ = try store.read { db in try CaseRecords.list(byHandler, db) } }
        print("one handler's 200 nearest: \(Timing.summary(handler))")
        let token = try Timing.samples(1000) { _ = try store.changeToken() }
        print("change token (newest event id): \(Timing.summary(token))")
    }

    static func recompute(db path: String) throws {
        let store = try CaseStore(path: path)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!))
        var open = CaseFilter()
        open.openness = .open
        let cases = try store.read { db in try CaseRecords.list(open, db) }
        print("open cases: \(cases.count)")
        var clocks = 0
        let compute = Timing.samples(5) {
            clocks = 0
            for c in cases { clocks += desk.clocks(of: c).count }
        }
        print("every clock of every open case (\(clocks) clocks), in memory: \(Timing.summary(compute))")
        let read = try Timing.samples(3) { _ = try store.read { db in try CaseRecords.list(open, db) } }
        print("reading the open cases from SQLite: \(Timing.summary(read))")
        let now = desk.clock.now()
        let readings = Timing.samples(5) {
            for c in cases { for k in desk.clocks(of: c) { _ = k.reading(at: now) } }
        }
        print("clocks plus their readings at one instant: \(Timing.summary(readings))")
        let copy = path + ".recompute-copy"
        try? FileManager.default.removeItem(atPath: copy)
        try store.backup(to: copy)
        let deskCopy = CaseDesk(store: try CaseStore(path: copy), clock: desk.clock)
        var result = RecomputeResult()
        let write = try Timing.samples(1) { result = try deskCopy.recomputeDueTimes(actor: Actor(name: "bench")) }
        print("console recompute (read, compute, write \(result.changed) changes, on a copy): \(Timing.summary(write))")
        try? FileManager.default.removeItem(atPath: copy)
        try? FileManager.default.removeItem(atPath: copy + "-wal")
        try? FileManager.default.removeItem(atPath: copy + "-shm")
    }
}
