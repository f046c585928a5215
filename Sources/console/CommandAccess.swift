import ArgumentParser
import CaseModel
import Foundation

/// A subcommand that names the desk operation it performs: its key in CaseModel's access table
/// (`DeskOperation.access`). A subcommand without one is refused before it runs (`AccessGate`),
/// and the confidentiality matrix test fails on it.
protocol DeskCommand: ParsableCommand {
    /// The operation, as the access table knows it.
    static var operation: DeskOperation { get }
}

/// A desk command that reaches the desk through the global options, so the gate can open the
/// desk and ask the roster before the command runs.
protocol DeskBoundCommand: DeskCommand {
    var global: GlobalOptions { get }
}

// The command line's half of the access table: every leaf subcommand and its operation, in one place.
extension TUICommand: DeskBoundCommand { static var operation: DeskOperation { .console } }
extension DashboardCommand: DeskBoundCommand { static var operation: DeskOperation { .dashboard } }
extension InitCommand: DeskBoundCommand { static var operation: DeskOperation { .initDesk } }
extension DemoCommand: DeskBoundCommand { static var operation: DeskOperation { .demo } }
extension AddCommand: DeskBoundCommand { static var operation: DeskOperation { .intake } }
extension ImportCommand: DeskBoundCommand { static var operation: DeskOperation { .importCases } }
extension ListCommand: DeskBoundCommand { static var operation: DeskOperation { .listCases } }
extension ShowCommand: DeskBoundCommand { static var operation: DeskOperation { .showCase } }
extension ClocksCommand: DeskBoundCommand { static var operation: DeskOperation { .clocks } }
extension AssignCommand: DeskBoundCommand { static var operation: DeskOperation { .assign } }
extension UnassignCommand: DeskBoundCommand { static var operation: DeskOperation { .unassign } }
extension ActCommand: DeskBoundCommand { static var operation: DeskOperation { .act } }
extension LinkCommand: DeskBoundCommand { static var operation: DeskOperation { .linkRepeat } }
extension SeverityCommand: DeskBoundCommand { static var operation: DeskOperation { .severity } }
extension ValidityCommand: DeskBoundCommand { static var operation: DeskOperation { .validity } }
extension ExportCommand: DeskBoundCommand { static var operation: DeskOperation { .export } }
extension BackupCommand: DeskBoundCommand { static var operation: DeskOperation { .backup } }
extension MigrateCommand: DeskBoundCommand { static var operation: DeskOperation { .migrate } }
extension AlertsCommand: DeskBoundCommand { static var operation: DeskOperation { .alerts } }
extension AckCommand: DeskBoundCommand { static var operation: DeskOperation { .acknowledgeAlert } }
extension CrisisCommand.List: DeskBoundCommand { static var operation: DeskOperation { .crisisList } }
extension CrisisCommand.Show: DeskBoundCommand { static var operation: DeskOperation { .crisisShow } }
extension CrisisCommand.Propose: DeskBoundCommand { static var operation: DeskOperation { .crisisPropose } }
extension CrisisCommand.Declare: DeskBoundCommand { static var operation: DeskOperation { .crisisDeclare } }
extension CrisisCommand.Dismiss: DeskBoundCommand { static var operation: DeskOperation { .crisisDismiss } }
extension CrisisCommand.Report: DeskBoundCommand { static var operation: DeskOperation { .crisisReport } }
extension CrisisCommand.Close: DeskBoundCommand { static var operation: DeskOperation { .crisisClose } }
extension CrisisCommand.Archive: DeskBoundCommand { static var operation: DeskOperation { .crisisArchive } }
extension PenaltiesCommand: DeskBoundCommand { static var operation: DeskOperation { .penalties } }
extension FiguresCommand.Set: DeskBoundCommand { static var operation: DeskOperation { .figuresSet } }
extension FiguresCommand.List: DeskBoundCommand { static var operation: DeskOperation { .figuresList } }
extension FiguresImportCommand: DeskBoundCommand { static var operation: DeskOperation { .figuresImport } }
extension ReportCommand.Summary: DeskBoundCommand { static var operation: DeskOperation { .reportSummary } }
extension ReportCommand.Metrics: DeskBoundCommand { static var operation: DeskOperation { .reportMetrics } }
extension ReportCommand.Handler: DeskBoundCommand { static var operation: DeskOperation { .reportHandler } }
extension ReportCommand.Branch: DeskBoundCommand { static var operation: DeskOperation { .reportBranch } }
extension UsersCommand.List: DeskBoundCommand { static var operation: DeskOperation { .usersList } }
extension UsersCommand.Add: DeskBoundCommand { static var operation: DeskOperation { .usersAdd } }
extension UsersCommand.SetRole: DeskBoundCommand { static var operation: DeskOperation { .usersSetRole } }
extension UsersCommand.Disable: DeskBoundCommand { static var operation: DeskOperation { .usersDisable } }
extension UsersCommand.Enable: DeskBoundCommand { static var operation: DeskOperation { .usersEnable } }
extension ShiftCommand.Add: DeskBoundCommand { static var operation: DeskOperation { .usersShift } }
extension ShiftCommand.List: DeskBoundCommand { static var operation: DeskOperation { .shiftList } }
extension ShiftCommand.Move: DeskBoundCommand { static var operation: DeskOperation { .shiftMove } }
extension ShiftCommand.Remove: DeskBoundCommand { static var operation: DeskOperation { .shiftRemove } }
extension ShiftCommand.Import: DeskBoundCommand { static var operation: DeskOperation { .shiftImport } }
extension ShiftCommand.Window: DeskBoundCommand { static var operation: DeskOperation { .shiftWindow } }
extension UsersCommand.SetPhone: DeskBoundCommand { static var operation: DeskOperation { .usersSetPhone } }
extension ScriptsCommand.List: DeskBoundCommand { static var operation: DeskOperation { .scriptsList } }
extension ScriptsCommand.Show: DeskBoundCommand { static var operation: DeskOperation { .scriptsShow } }
extension ScriptsCommand.Check: DeskCommand { static var operation: DeskOperation { .scriptsCheck } }
extension HandoverCommand.Show: DeskBoundCommand { static var operation: DeskOperation { .handover } }
extension HandoverCommand.Ack: DeskBoundCommand { static var operation: DeskOperation { .handoverAck } }
extension UsersCommand.AllowSwitch: DeskBoundCommand { static var operation: DeskOperation { .usersAllowSwitch } }
extension UsersCommand.Notify: DeskBoundCommand { static var operation: DeskOperation { .usersNotify } }
extension AuditCommand.Verify: DeskBoundCommand { static var operation: DeskOperation { .auditVerify } }
extension AuditCommand.Log: DeskBoundCommand { static var operation: DeskOperation { .auditLog } }
extension PurgeCommand: DeskBoundCommand { static var operation: DeskOperation { .purge } }
extension RecomputeCommand: DeskBoundCommand { static var operation: DeskOperation { .recompute } }
extension CalendarCommand.Show: DeskCommand { static var operation: DeskOperation { .calendarShow } }
extension CalendarCommand.Check: DeskCommand { static var operation: DeskOperation { .calendarCheck } }
extension CalendarCommand.Coverage: DeskCommand { static var operation: DeskOperation { .calendarCoverage } }
extension DeadlineCommand: DeskCommand { static var operation: DeskOperation { .deadline } }
extension ConfigCommand.WriteDefaults: DeskCommand { static var operation: DeskOperation { .configWriteDefaults } }
extension ConfigCommand.Path: DeskCommand { static var operation: DeskOperation { .configPath } }
extension CommandsCommand: DeskCommand { static var operation: DeskOperation { .configPath } }

/// The check every parsed command passes before it runs: its entry in the access table, and for
/// an operation that needs a role, the roster's answer for the acting login right now.
enum AccessGate {
    static func check(_ command: ParsableCommand) throws {
        let type = Swift.type(of: command)
        guard let declared = type as? DeskCommand.Type else {
            // A group of subcommands (`console crisis`) and ArgumentParser's own `help` only print help.
            if !type.configuration.subcommands.isEmpty || String(describing: type) == "HelpCommand" { return }
            throw CommandFailure(message: "\(type._commandName): this command has no entry in the desk's access table and cannot run", code: 6)
        }
        guard case .requires = declared.operation.access else { return }
        guard let bound = command as? DeskBoundCommand else {
            throw CommandFailure(message: "\(type._commandName): this command cannot name the acting user and cannot run", code: 6)
        }
        try bound.global.authorize(declared.operation)
    }

    /// Every leaf subcommand path under `root`, with its command type.
    static func leaves(_ root: ParsableCommand.Type, prefix: [String] = []) -> [([String], ParsableCommand.Type)] {
        let subs = root.configuration.subcommands
        if subs.isEmpty { return [(prefix, root)] }
        return subs.flatMap { leaves($0, prefix: prefix + [$0._commandName]) }
    }
}

/// `console commands`: every subcommand with its access entry, as JSON (hidden; the
/// confidentiality matrix test reads it so that a new command cannot escape the matrix).
struct CommandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "commands", abstract: "List every subcommand with its access entry (JSON).",
                                                    shouldDisplay: false)

    func run() throws {
        let rows: [[String: Any]] = AccessGate.leaves(ConsoleCommand.self).filter { !$0.0.isEmpty }.map { path, type in
            var row: [String: Any] = ["path": path.joined(separator: " ")]
            if let declared = type as? DeskCommand.Type {
                let op = declared.operation
                row["operation"] = op.rawValue
                switch op.access {
                case .open: row["access"] = "open"
                case .setup: row["access"] = "setup"
                case let .requires(p):
                    row["access"] = "requires \(p.rawValue)"
                    row["roles"] = Role.allCases.filter { op.allows($0) }.map(\.rawValue)
                }
            } else {
                row["operation"] = NSNull()
            }
            return row
        }
        print(CaseJSON.text(rows, pretty: true))
    }
}
