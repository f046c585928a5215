import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Masked personal data cannot be searched around or read from the trail: the attacks of issue 14
/// (digit-by-digit search oracles, the masked form as a search, the audit log's old → new values,
/// identifiers typed into free text) through the real binary, as each role.
final class MaskingAttackTests: XCTestCase {
    /// A personal identifier planted on the desk: where it is, its stored form, what a person
    /// typed, and the digits the mask hides (with a visible neighbour on each side, so a match
    /// cannot come from anything else printed).
    struct Secret {
        var name: String
        var canonical: String
        var typed: String
        var hidden: String
        /// On a report case (举报件): only the president's office may reveal it.
        var onReport = false
    }

    static let victimName = "欧阳娜娜"
    static let secrets: [Secret] = [
        Secret(name: "phone", canonical: "13566778899", typed: "+86 135-6677-8899", hidden: "566778"),
        Secret(name: "ID number", canonical: "44030419850315079X", typed: "44030419850315079x", hidden: "0419850315"),
        Secret(name: "policy number", canonical: "P4405550123", typed: "p4405550123", hidden: "405550"),
        Secret(name: "claim number", canonical: "CLM88123456", typed: "CLM88123456", hidden: "M88123"),
        Secret(name: "bank account", canonical: "6222020712345678901", typed: "6222 0207 1234 5678 901", hidden: "2020712345"),
        Secret(name: "phone in the summary", canonical: "13599887766", typed: "135 9988 7766", hidden: "599887"),
        Secret(name: "ID in the details", canonical: "320583198711023313", typed: "320583198711023313", hidden: "8319871102"),
        Secret(name: "card in the details", canonical: "621700123456789012", typed: "6217 0012 3456 7890 12", hidden: "7001234567"),
        Secret(name: "phone in a note", canonical: "15011223344", typed: "+86 150-1122-3344", hidden: "011223"),
        Secret(name: "new phone from an import", canonical: "18655443322", typed: "186-5544-3322", hidden: "655443"),
        Secret(name: "phone in a crisis title", canonical: "17788990011", typed: "177 8899 0011", hidden: "788990"),
        Secret(name: "report case's phone", canonical: "13912345678", typed: "13912345678", hidden: "912345", onReport: true),
        Secret(name: "report case's ID", canonical: "110101199003070011", typed: "110101199003070011", hidden: "0101199003", onReport: true),
        Secret(name: "phone in a report case's note", canonical: "13788664422", typed: "13788664422", hidden: "788664", onReport: true),
    ]

    /// The desk with the victim's case (made by a mapped import, then re-imported with a new
    /// phone), a note and a crisis event naming numbers, and a note on a report case.
    final class MaskingDesk: @unchecked Sendable {
        let attack: AttackDesk
        let victim: String
        private(set) var crisisEvent: Int64 = 0
        var report: String { attack.reports[0] }

        init() throws {
            let attack = try AttackDesk(withReports: true)
            self.attack = attack
            let desk = attack.desk
            let op = Actor(name: AttackDesk.operatorLogin)
            let map = try MappingFileParser.parse("""
                source hotline
                id ID
                field summary
                  from S
                field details
                  from D
                field name
                  from N
                field phone
                  from P
                field id_number
                  from I
                field policy_number
                  from PN
                field claim_number
                  from C
                field bank_account
                  from B
                """, origin: "hotline.map")
            func importRow(phone: String) throws {
                let csv = "ID,S,D,N,P,I,PN,C,B\nV1,客户电话 135 9988 7766 多次来电，理赔款未到账,\"身份证号320583198711023313，收款卡6217 0012 3456 7890 12，金额20,000元，2026-02-17到期\","
                    + "\(MaskingAttackTests.victimName),\(phone),44030419850315079x,p4405550123,CLM88123456,6222 0207 1234 5678 901\n"
                let path = attack.dir.file("hotline-\(phone.filter(\.isNumber)).csv")
                try csv.write(toFile: path, atomically: true, encoding: .utf8)
                _ = try MappedImporter(desk: desk).run(path: path, mapping: map, options: MappedImportOptions(), actor: op)
            }
            try importRow(phone: "+86 135-6677-8899")
            guard let number = try desk.list(CaseFilter(), actor: op).first(where: { $0.sourceRef == "hotline:V1" })?.number else {
                throw POSIXError(.ENOENT)
            }
            victim = number
            try importRow(phone: "186-5544-3322")
            _ = try desk.act(victim, .note, ActionInput(note: "客户改用新号+86 150-1122-3344联系"), actor: op)
            try importRow(phone: "+86 135-6677-8899")
            crisisEvent = try desk.proposeCrisis(title: "群体投诉 联系人177 8899 0011", cases: [victim], trigger: .manual, actor: Actor(name: AttackDesk.crisisLogin))
            _ = try desk.act(report, .note, ActionInput(note: "举报人另留手机13788664422"), actor: Actor(name: AttackDesk.officeLogin))
        }

        /// Runs the console as the OS login itself, without `--user` (`audit log` reads that
        /// option as "events by this user").
        func runAsOSLogin(_ args: [String]) throws -> ConsoleProcess.Outcome {
            let env = ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": attack.dir.file("config"), "NO_COLOR": "1"]
            return try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", attack.path, "--now", AttackDesk.now], environment: env)
        }

        /// Runs many commands at once (each as its login), in order of the jobs given.
        func runAll(_ jobs: [(String, [String])]) -> [Result<ConsoleProcess.Outcome, Error>] {
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var items: [Result<ConsoleProcess.Outcome, Error>?]
                init(_ n: Int) { items = Array(repeating: nil, count: n) }
            }
            let results = Results(jobs.count)
            let attack = self.attack
            DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
                let r = Result { try attack.run(jobs[i].0, jobs[i].1) }
                results.lock.lock(); results.items[i] = r; results.lock.unlock()
            }
            return results.items.map { $0! }
        }
    }

    /// The secrets `text` gives away: a whole identifier in any form, or its hidden digits.
    static func leaks(in text: String, allowed: (Secret) -> Bool = { _ in false }) -> [String] {
        let squeezed = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
        var out: [String] = []
        for s in secrets where !allowed(s) {
            if text.contains(s.canonical) || text.contains(s.typed) || squeezed.contains(s.canonical) || text.contains(s.hidden) {
                out.append(s.name)
            }
        }
        if text.contains(victimName) { out.append("name") }
        return out
    }

    // MARK: - search oracles

    /// An oracle: does the answer to a search tell the right next digit from a wrong one? Each pair
    /// is (the attacker's term with the true digit, the same with a wrong one).
    func testSearchingDigitByDigitLearnsNothing() throws {
        let d = try MaskingDesk()
        let probes: [(String, String, String)] = [
            ("phone: the first hidden digit after the visible 135", "1356", "1350"),
            ("phone: the digit before the visible 8899", "78899", "18899"),
            ("another case's phone, entered bare: after the visible 138", "1381", "1380"),
            ("another case's phone: the digit before the visible 1230", "41230", "51230"),
            ("ID number: the first hidden digit after 4403", "44030", "44031"),
            ("ID number: the digit before the visible 079X", "5079X", "4079X"),
            ("policy number: the first hidden digit after P44", "P440", "P441"),
            ("claim number: the first hidden digit after CLM", "CLM8", "CLM9"),
            ("bank account: the first hidden digit after 6222", "62220", "62221"),
            ("bank account: the digit before the visible 8901", "78901", "68901"),
            ("bank account: typed in groups of four", "6222 0207", "6222 0208"),
            ("phone typed into the summary: after 135", "1359", "1358"),
            ("phone typed into the summary, spaced as typed", "135 99", "135 98"),
            ("phone typed into the summary: before the visible 7766", "87766", "97766"),
            ("phone typed into the summary, with the words before it", "电话 1359", "电话 1358"),
            ("ID typed into the details: after 3205", "32058", "32059"),
            ("card typed into the details: after 6217", "6217 0", "6217 1"),
            ("the masked phone as a search", "135****8899", "135****8898"),
            ("the masked form of the phone in the summary", "135****7766", "135****7765"),
            ("the name's first characters", "欧阳", "欧李"),
            ("LIKE wildcards around the phone", "135%8899", "135%8898"),
        ]
        var jobs: [(String, [String])] = []
        for (_, right, wrong) in probes {
            jobs.append((AttackDesk.operatorLogin, ["list", "--json", "--search", right]))
            jobs.append((AttackDesk.operatorLogin, ["list", "--json", "--search", wrong]))
        }
        let results = d.runAll(jobs)
        for (i, (name, right, wrong)) in probes.enumerated() {
            attempt(.masking, "list --search oracle, \(name)") {
                let a = try results[2 * i].get(), b = try results[2 * i + 1].get()
                if a.crashed || b.crashed { return .crashed("\(a)\n\(b)") }
                guard a.status == 0, b.status == 0 else { return .broke("search failed:\n\(a)\n\(b)") }
                if a.stdout != b.stdout { return .leaked("\"\(right)\" and \"\(wrong)\" answer differently:\n\(a.stdout)\nvs\n\(b.stdout)") }
                return .held(if: !a.stdout.contains(d.victim), else: .leaked("\"\(right)\" finds the victim's case"))
            }
        }
    }

    /// The same oracle through an export (a team lead's filter).
    func testExportSearchIsNoOracleEither() throws {
        let d = try MaskingDesk()
        let results = d.runAll([(AttackDesk.leadLogin, ["export", "--format", "json", "--search", "44030"]),
                                (AttackDesk.leadLogin, ["export", "--format", "json", "--search", "44031"])])
        attempt(.masking, "export --search oracle on the ID number's first hidden digit") {
            let a = try results[0].get(), b = try results[1].get()
            if a.crashed || b.crashed { return .crashed("\(a)\n\(b)") }
            return .held(if: a.status == 0 && a.stdout == b.stdout && !a.stdout.contains(d.victim), else: .leaked("\(a)\nvs\n\(b)"))
        }
    }

    /// Operators still find a caller by the number they give, in any usual form.
    func testAWholeIdentifierStillFindsTheCase() throws {
        let d = try MaskingDesk()
        let terms = ["13566778899", "+86 135 6677 8899", "0086-135-6677-8899", "(+86)135.6677.8899", "44030419850315079x",
                     "P4405550123", "clm88123456", "6222020712345678901", "6222-0207-1234-5678-901", MaskingAttackTests.victimName]
        let results = d.runAll(terms.map { (AttackDesk.operatorLogin, ["list", "--json", "--search", $0]) })
        for (term, r) in zip(terms, results) {
            let out = try r.get()
            XCTAssertEqual(out.status, 0, out.description)
            XCTAssertTrue(out.stdout.contains(d.victim), "\(term) should find \(d.victim):\n\(out)")
            XCTAssertEqual(MaskingAttackTests.leaks(in: out.stdout), [], term)
        }
    }

    // MARK: - what each role is shown

    /// list, show (text and JSON) and export as every role: identifiers masked in the fields, the
    /// free text and the timeline (the old → new phone of the re-import, the note).
    func testCasesShownToEveryRoleHoldNoIdentifier() throws {
        let d = try MaskingDesk()
        let readers = AttackDesk.roles.filter { $0.login != AttackDesk.formerLogin }
        var jobs: [(String, [String])] = []
        for (login, role) in readers {
            jobs.append((login, ["list", "--json"]))
            jobs.append((login, ["show", d.victim, "--json"]))
            jobs.append((login, ["show", d.victim]))
            jobs.append((login, ["export", "--format", "json"]))
            if AttackDesk.seesReports(role) { jobs.append((login, ["show", d.report, "--json"])) }
        }
        let results = d.runAll(jobs)
        var i = 0
        for (login, role) in readers {
            let count = AttackDesk.seesReports(role) ? 5 : 4
            let mine = Array(results[i..<i + count])
            i += count
            attempt(.masking, "\(role?.rawValue ?? "not on the roster"): list, show, show --json, export --format json") {
                var found: [String] = []
                for r in mine {
                    let out = try r.get()
                    if out.crashed { return .crashed(out.description) }
                    found += MaskingAttackTests.leaks(in: out.stdout + out.stderr).map { "\($0) in `\(out.stdout.prefix(60))…`" }
                }
                return .held(if: found.isEmpty, else: .leaked("\(login): \(found.joined(separator: "; "))"))
            }
        }
        // Revealed for a reason, the team lead sees the case whole (and the reveal is audited).
        let revealed = try d.attack.run(AttackDesk.leadLogin, ["show", d.victim, "--json", "--reveal", "--reason", "回电核实"])
        XCTAssertEqual(revealed.status, 0, revealed.description)
        for s in MaskingAttackTests.secrets.prefix(10) { XCTAssertTrue(revealed.stdout.contains(s.canonical) || revealed.stdout.contains(s.typed), s.name) }
    }

    /// The audit log, table and JSON, read by each role: personal data masked unless the role may
    /// reveal it on that case's track (a team lead on general cases, the president's office on
    /// report cases). The reader is the OS login, so the test gives it each role in turn.
    func testTheAuditLogShowsMaskedValuesToRolesThatMayNotReveal() throws {
        let d = try MaskingDesk()
        let admin = Actor(name: AttackDesk.adminLogin)
        let me = AttackDesk.osLogin
        defer { try? d.attack.desk.setRole(me, to: .administrator, actor: admin) }
        for role in Role.allCases {
            try d.attack.desk.setRole(me, to: role, actor: admin)
            let results = [Result { try d.runAsOSLogin(["audit", "log", "--json"]) }, Result { try d.runAsOSLogin(["audit", "log"]) }]
            let mayReveal: (Secret) -> Bool = { s in Permissions.allows(role, .reveal, track: s.onReport ? .report : .general) }
            attempt(.masking, "audit log (table and --json) read by \(role.rawValue)") {
                var found: [String] = []
                var shown = false
                for r in results {
                    let out = try r.get()
                    if out.crashed { return .crashed(out.description) }
                    shown = shown || out.status == 0
                    found += MaskingAttackTests.leaks(in: out.stdout + out.stderr, allowed: mayReveal)
                }
                if Permissions.allows(role, .readAudit) && !shown { return .broke("\(role.rawValue) may read the audit log but was refused") }
                return .held(if: found.isEmpty, else: .leaked(found.joined(separator: ", ") + "\n" + results.map { (try? $0.get().stdout) ?? "" }.joined()))
            }
            if role == .teamLead {
                // A role that may reveal still reads the change whole: the trail stays useful.
                let json = try results[0].get().stdout
                XCTAssertTrue(json.contains("13566778899 → 18655443322"), json)
            }
            if role == .auditor {
                XCTAssertTrue(try results[0].get().stdout.contains("135****8899 → 186****3322"))
            }
        }
    }

    /// Texts built from summaries or typed by people elsewhere: crisis events, alerts, the
    /// holiday report, repeat suggestions.
    func testCrisisAlertsReportsAndSuggestionsHoldNoIdentifier() throws {
        let d = try MaskingDesk()
        let jobs: [(String, String, [String])] = [
            ("crisis list --json (handler)", AttackDesk.handlerLogin, ["crisis", "list", "--json"]),
            ("crisis show (crisis group)", AttackDesk.crisisLogin, ["crisis", "show", String(d.crisisEvent)]),
            ("alerts --json (operator)", AttackDesk.operatorLogin, ["alerts", "--json"]),
            ("report summary --json (team lead)", AttackDesk.leadLogin, ["report", "summary", "--from", "2026-02-10", "--to", "2026-02-17", "--json"]),
            ("add --suggest by the whole phone (operator)", AttackDesk.operatorLogin, ["add", "--suggest", "--json", "--phone", "135 6677 8899", "--summary", "又来电"]),
        ]
        let results = d.runAll(jobs.map { ($0.1, $0.2) })
        for (job, r) in zip(jobs, results) {
            attempt(.masking, job.0) {
                let out = try r.get()
                if out.crashed { return .crashed(out.description) }
                let found = MaskingAttackTests.leaks(in: out.stdout + out.stderr)
                return .held(if: found.isEmpty, else: .leaked("\(found.joined(separator: ", ")):\n\(out)"))
            }
        }
        XCTAssertTrue(try results[4].get().stdout.contains(d.victim), "the suggestion still finds the earlier case")
    }
}
