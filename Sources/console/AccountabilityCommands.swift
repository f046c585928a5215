import ArgumentParser
import CaseModel
import Foundation
import GRDB

/// `console severity`: raise or lower a case's severity by hand.
struct SeverityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "severity", abstract: "Raise a case's severity (anyone), or lower it (team lead, with --reason).")
    @OptionGroup var global: GlobalOptions
    @Argument var number: String
    @Argument(help: "major, urgent, general or venting.") var severity: String
    @Option var reason: String = ""

    func run() throws {
        let s = try Severity.parse(severity, field: "severity")
        let c = try global.openDesk().setSeverity(number, to: s, reason: reason, actor: global.actor)
        print("\(c.number): severity \(c.severity.rawValue)")
    }
}

/// `console validity`: the valid/invalid determination 有效投诉认定.
struct ValidityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validity", abstract: "Mark a complaint valid (naming the responsible staff and their lead) or invalid; valid ones enter the penalty ledger.")
    @OptionGroup var global: GlobalOptions
    @Argument var number: String
    @Argument(help: "valid or invalid.") var determination: String
    @Option var reason: String
    @Option(help: "The directly responsible employee.") var responsible: String?
    @Option(help: "Their lead (indirect responsibility).") var lead: String?
    @Option(help: "Public-relations cost in yuan, when online exposure needed PR.") var prCost: Double = 0

    func run() throws {
        guard let v = Validity.parse(determination), v != .undetermined else {
            throw CommandFailure("determination: expected valid or invalid, got \"\(determination)\"", "认定：应为 valid 或 invalid，收到 \"\(determination)\"", code: 2)
        }
        let (c, entries) = try global.openDesk().determineValidity(number, valid: v == .valid, reason: reason, responsible: responsible,
                                                                     lead: lead, prCost: prCost, actor: global.actor)
        print("\(c.number): \(c.validity.rawValue)")
        for e in entries { print("  ledger: \(e.person) (\(e.responsibility)) \(e.reminder ? "reminder" : String(format: "%.2f yuan", e.amount)) — \(e.rule)") }
    }
}

/// `console penalties`: the monthly penalty summary per person.
struct PenaltiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "penalties", abstract: "The penalty ledger of a month, summed per person (due on the 1st of the next month).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The month, YYYY-MM.") var month: String
    @Flag var json = false

    func run() throws {
        _ = try CivilDate.readMonth(month, field: "--month")
        let (entries, summary) = try global.openDesk().penalties(month: month, actor: global.actor)
        if json {
            print(CaseJSON.text(["month": month,
                                 "people": summary.map { ["person": $0.person, "total_yuan": $0.total, "reminders": $0.reminders, "cases": $0.cases] as [String: Any] },
                                 "entries": entries.map { ["case": $0.caseNumber, "person": $0.person, "responsibility": $0.responsibility,
                                                           "amount_yuan": $0.amount, "reminder": $0.reminder, "rule": $0.rule] as [String: Any] }] as [String: Any]))
            return
        }
        if summary.isEmpty { print(OutputLanguage.say("no penalties in \(month)", "\(month) 无处罚记录")); return }
        var t = TextTable(headers: ["person", "total (yuan)", "reminders", "cases"], rightAligned: [1, 2])
        for s in summary { t.rows.append([s.person, String(format: "%.2f", s.total), String(s.reminders), s.cases.joined(separator: " ")]) }
        print(t.render(maxWidth: 200))
    }
}

/// `console figures`: business figures per branch and month (claim reports for the 5% rule; premium and policies for the reports).
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "figures", abstract: "Figures per branch and month: claim reports, premium, policies, insured persons.",
                                                    subcommands: [Set.self, List.self, FiguresImportCommand.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a branch's figures for a month (only the given ones change).")
        @OptionGroup var global: GlobalOptions
        @Option var branch: String
        @Option(help: "YYYY-MM") var month: String
        @Option var claimReports: Int?
        @Option(help: "Premium income in yuan.") var premium: Double?
        @Option var policiesNew: Int?
        @Option var policiesInForce: Int?
        @Option var insuredPersons: Int?

        func run() throws {
            // The ranges are the desk's (BranchFigures.check), named by their flags here.
            do {
                try BranchFigures(branch: branch, month: month, claimReports: claimReports, premium: premium, policiesNew: policiesNew,
                                  policiesInForce: policiesInForce, insuredPersons: insuredPersons).check()
            } catch let e as DomainError {
                // Named by the flag that set it (`--claim-reports`), in the user's language.
                let r = e.refusal
                let flag = "--" + (r.field ?? "").replacingOccurrences(of: "_", with: "-")
                throw CommandFailure(message: OutputLanguage.current == .zh ? flag + "：" + r.reason.text(.zh) : flag + ": " + r.reason.text(.en), code: 2)
            }
            let desk = try global.openDesk()
            try BranchFigures.set(desk, branch: branch, month: month, claimReports: claimReports, premium: premium,
                                  policiesNew: policiesNew, policiesInForce: policiesInForce, insuredPersons: insuredPersons, actor: global.actor)
            print(OutputLanguage.say("figures set for \(branch) \(month)", "已设定 \(branch) \(month) 的数据"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the figures.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "YYYY-MM") var month: String?
        @Flag var json = false

        func run() throws {
            let rows = try BranchFigures.list(try global.openDesk(), month: month, actor: global.actor)
            if json { print(CaseJSON.text(rows.map { $0.object })); return }
            var t = TextTable(headers: ["branch", "month", "claim reports", "premium", "new policies", "in force", "insured"], rightAligned: [2, 3, 4, 5, 6])
            for r in rows {
                t.rows.append([r.branch, r.month, r.claimReports.map(String.init) ?? "-", r.premium.map { String(format: "%.0f", $0) } ?? "-",
                               r.policiesNew.map(String.init) ?? "-", r.policiesInForce.map(String.init) ?? "-", r.insuredPersons.map(String.init) ?? "-"])
            }
            print(t.render())
        }
    }
}
