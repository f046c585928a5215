import CaseModel
import ConsoleTestSupport
import ConsoleUI
import Foundation
import GRDB
import XCTest

/// Every recorded screen speaks one language: a Chinese snapshot holds no English word except
/// codes (case numbers, masked identifiers), key names, command names, logins and what a test
/// typed; an English snapshot holds no Chinese except the desk's own data (names, branches, case
/// texts) and never a holiday's Chinese name (docs/console-reading.md, "Language").
final class SnapshotLanguageTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    /// Snapshot files whose name has `-zh-` or `-en-`.
    func snapshots(_ language: String) throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.contains("-\(language)-") }.sorted()
        XCTAssertFalse(names.isEmpty, "no \(language) snapshots found in \(Self.directory.path)")
        return try names.map { ($0, try String(contentsOf: Self.directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Key names as help and the footer write them.
    static let keyNames: Set<String> = ["Enter", "Esc", "Tab", "S-Tab", "Space", "PgUp", "PgDn", "Up", "Down", "Left", "Right",
                                        "Home", "End", "Backspace", "Delete"]
    /// Text the snapshot tests type into forms (case content, not the console's words).
    static let typed = ["next week"]
    /// Chinese the snapshot tests type or store (case content on an English screen).
    static let typedChinese = ["需调取医院资料", "张三",
                               String(repeating: "客户来电称春节期间在海南旅游时行李在机场丢失，航空公司仅赔付三百元，要求我司按旅游意外险条款补足差额。承诺节后第一个工作日回电。", count: 3)]
    /// The end mark the reading test puts after its long note.
    static let endMark = "【到此为止】"

    /// The English words on a Chinese screen that are neither codes, keys, commands nor logins.
    static func englishWords(in text: String, logins: Set<String>) -> [String] {
        var t = text
        for s in typed { t = t.replacingOccurrences(of: s, with: " ") }
        // A command line quoted for the reader (`console report metrics`) is typed as it is.
        t = t.replacingOccurrences(of: #"console( [a-z][a-z-]*)+"#, with: " ", options: .regularExpression)
        let commands = Set(Command.allCases.map(\.rawValue))
        let words = t.matches(of: /[A-Za-z][A-Za-z0-9+_-]*/).map { String($0.output) }
        return words.filter { w in
            if w.count == 1 || keyNames.contains(w) || logins.contains(w) { return false }
            // A command name, or the start of one being typed on the `:` line.
            if commands.contains(where: { $0.hasPrefix(w) }) && text.contains(":" + w) || commands.contains(w) { return false }
            if w.wholeMatch(of: /(TS|JB)-[0-9-]*/) != nil { return false }              // case numbers, cut or whole
            if w.wholeMatch(of: /[CM]-./) != nil || w.wholeMatch(of: /F[0-9]+/) != nil { return false } // C-s, M-b, F2
            if w.wholeMatch(of: /[A-Z]+[0-9][A-Z0-9]*/) != nil { return false }         // masked codes: P62, C00
            return true
        }
    }

    func testChineseSnapshotsHoldNoEnglishWords() throws {
        let desk = try Fixture.sharedDesk()
        let logins = Set(try desk.store.read { db in try String.fetchAll(db, sql: "SELECT name FROM users") })
        var found: [String] = []
        for (name, text) in try snapshots("zh") {
            let words = Self.englishWords(in: text, logins: logins)
            if !words.isEmpty { found.append("\(name): \(Set(words).sorted().joined(separator: " "))") }
        }
        XCTAssertEqual(found, [], "English on Chinese screens:\n" + found.joined(separator: "\n"))
    }

    func testTheCheckFindsEnglish() {
        XCTAssertEqual(Self.englishWords(in: "语言 zh  超时 2:00 · holiday", logins: []), ["zh", "holiday"])
        XCTAssertEqual(Self.englishWords(in: "TS-20260213-0009 C-s 保存 Esc 取消 P62****9033 wangmin :note", logins: ["wangmin"]), [])
    }

    /// Chinese runs on English screens that are not the desk's data.
    func testEnglishSnapshotsHoldNoChineseButTheDesksData() throws {
        let desk = try Fixture.sharedDesk()
        // Every text the desk holds (names, branches, teams, case texts, crisis texts).
        let data: String = try desk.store.read { db in
            var all = ""
            for table in ["users", "cases", "events", "crisis_events", "crisis_reports"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                for row in rows { for (_, v) in row { if case .string(let s) = v.storage { all += s + "\n" } } }
            }
            return all
        }
        // The reply scripts the picker shows for a case, filled in for it: the desk's words for the
        // customer, in the customer's language (docs/scripts.md).
        var scripts = ""
        for (name, text) in try snapshots("en") where name.hasPrefix("scripts-") {
            for number in Set(text.matches(of: /TS-[0-9]{8}-[0-9]{4}/).map { String($0.output) }) {
                for f in try desk.scripts(for: number, library: .shipped, actor: Actor(name: Fixture.user)) {
                    scripts += [f.script.title, f.script.situation, f.text].joined(separator: "\n") + "\n"
                }
            }
        }
        let known = data + scripts
        // A holiday named by the calendar (not inside a case's text): before `holiday`, a date or
        // `调休`.
        let holiday = /(元旦|春节|清明|劳动节|端午|中秋|国庆)(调休| holiday| [0-9]{2}-[0-9]{2})/
        var found: [String] = []
        for (name, text) in try snapshots("en") {
            // The middle dot separates fields in both languages (Unicode counts it as Han too).
            let runs = text.replacingOccurrences(of: "·", with: " ").matches(of: /[\p{Han}\u{3000}-\u{303F}\u{FF00}-\u{FFEF}]+/).map { String($0.output) }
            var foreign = runs.filter { run in
                let core = run.replacingOccurrences(of: Self.endMark, with: "")
                return !core.isEmpty && !known.contains(core) && !Self.typedChinese.contains { $0.contains(core) }
            }
            foreign += text.matches(of: holiday).map { String($0.output.0) }
            if !foreign.isEmpty { found.append("\(name): \(Set(foreign).sorted().joined(separator: " "))") }
        }
        XCTAssertEqual(found, [], "Chinese on English screens that is not the desk's data:\n" + found.joined(separator: "\n"))
    }
}
