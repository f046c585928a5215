import Foundation
import XCTest

/// The storage boundary holds in the source: each table behind a gateway is written from its
/// gateway's file only (and the few places docs/storage-boundary.md names), and nothing outside
/// CaseModel writes SQL at all. A new `UPDATE cases …` in a command fails here, not in review.
final class StorageBoundaryTests: XCTestCase {
    /// Files (under Sources/CaseModel) allowed to write each gated table.
    static let writers: [String: Set<String>] = {
        let crisis: Set<String> = ["Storage/CrisisEventTable.swift"]
        return [
            // CaseColumns spells the insert and update statements CaseTable runs; a migration is
            // the documented exception.
            "cases": ["Storage/CaseTable.swift", "Store/CaseColumns.swift", "Store/Schema.swift"],
            "crisis_events": crisis, "crisis_cases": crisis, "crisis_reports": crisis,
            "users": ["Storage/RosterTable.swift"],
            "shifts": ["Storage/RosterTable.swift"],
            "settings": ["Storage/SettingsTable.swift"],
            "case_sequences": ["Storage/CaseNumberTable.swift"],
            // A migration moved the report track's keys into their own key space.
            "import_keys": ["Storage/ImportKeyTable.swift", "Store/Schema.swift"],
            "drafts": ["Storage/DraftTable.swift"],
            "penalties": ["Storage/PenaltyTable.swift"],
            "branch_figures": ["Storage/BranchFigureTable.swift"],
            "alerts": ["Storage/AlertTable.swift"], "alert_readers": ["Storage/AlertTable.swift"], "alert_notices": ["Storage/AlertTable.swift"],
            "events": ["Store/CaseRecords.swift", "Security/AuditChain.swift"],
        ]
    }()

    /// The whole-desk copies, which write every table with rows that carry their trail, only into
    /// a file just created: a restored desk and the host's read copy of a server desk
    /// (docs/storage-boundary.md, "Whole-desk copies").
    static let wholeDeskCopies: Set<String> = ["Store/DeskRestore.swift", "Store/DeskReplica.swift"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every (file relative to Sources/, table) a write statement names.
    func writes() throws -> [(file: String, table: String)] {
        let statement = /(?:INSERT(?: OR [A-Z]+)? INTO|REPLACE INTO|UPDATE|DELETE FROM)\s+([a-z_]+)/
        var out: [(String, String)] = []
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let relative = String(url.path.dropFirst(Self.sources.path.count + 1))
            for m in text.matches(of: statement) { out.append((relative, String(m.output.1))) }
        }
        return out
    }

    func testGatedTablesAreWrittenOnlyByTheirGateways() throws {
        let found = try writes()
        XCTAssertTrue(found.contains { $0.file == "CaseModel/Storage/CaseTable.swift" && $0.table == "cases" }, "the scan sees the gateways")
        for (file, table) in found {
            // The server backend saves what CaseModel's commands changed (`DeskWriteThrough`) and its
            // own bookkeeping, on the server only (docs/storage-boundary.md, "The server backend").
            if file.hasPrefix("DeskServer/") { continue }
            guard file.hasPrefix("CaseModel/") else {
                XCTFail("\(file) writes \(table): only CaseModel (and the server backend behind its port) writes the desk (docs/architecture.md)")
                continue
            }
            guard let allowed = Self.writers[table], !Self.wholeDeskCopies.contains(String(file.dropFirst("CaseModel/".count))) else { continue }
            XCTAssertTrue(allowed.contains(String(file.dropFirst("CaseModel/".count))),
                          "\(file) writes \(table); its gateway is \(allowed.sorted().first { $0.hasPrefix("Storage/") } ?? "?") (docs/storage-boundary.md)")
        }
    }

    func testEveryTableTheDeskWritesHasAGateway() throws {
        // Not desk tables: the text index's scratch table for a short term (temporary, per
        // connection) and a word in a comment.
        let notTables: Set<String> = ["f", "and"]
        let written = Set(try writes().filter { $0.file.hasPrefix("CaseModel/") }.map(\.table)).subtracting(notTables)
        XCTAssertTrue(written.contains("alerts") && written.contains("cases"), "the scan sees the writes: \(written.sorted())")
        XCTAssertEqual(written.subtracting(Self.writers.keys), [], "a table written without a gateway (docs/storage-boundary.md)")
    }

    func testGatewaysAreInternal() throws {
        let folder = Self.sources.appendingPathComponent("CaseModel/Storage")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        XCTAssertTrue(names.contains("RosterTable.swift") && names.contains("CaseTable.swift"), "\(names)")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            XCTAssertFalse(text.contains("public "), "\(name): gateways write without checks or events, so nothing outside CaseModel may call them")
        }
    }

    /// The store hands out no write transaction outside CaseModel: a module holding it (the CLI,
    /// the console, the chaos tool, the server module) writes only through the desk's commands.
    func testTheStoreOpensNoWriteTransactionOutsideCaseModel() throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent("CaseModel/Store/CaseStore.swift"), encoding: .utf8)
        XCTAssertTrue(text.contains("func write<T>(_ body: (Database) throws -> T)"), "the scan sees the store's write")
        for line in text.split(separator: "\n") where line.contains("func write") || line.contains("func writeCopiedRows") {
            XCTAssertFalse(line.contains("public"), "CaseStore: \(line.trimmingCharacters(in: .whitespaces))")
        }
    }
}
