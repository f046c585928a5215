import ArgumentParser
import CaseModel
import Foundation

/// `console`: the complaint duty console's command line. With no subcommand it opens the desk.
@main
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The complaint duty console: an insurer's complaint desk in the terminal.",
        discussion: """
        Every command takes --db PATH (or CONSOLE_DB) and --now TIME (or CONSOLE_NOW, ISO 8601) \
        to fix the clock for demos, tests and training replays. Times print in ISO 8601 at +08:00.
        """,
        subcommands: [
            TUICommand.self, DashboardCommand.self, InitCommand.self, AddCommand.self, ImportCommand.self, ListCommand.self,
            ShowCommand.self, AssignCommand.self, UnassignCommand.self, ActCommand.self, LinkCommand.self,
            ExportCommand.self, BackupCommand.self, MigrateCommand.self, DemoCommand.self, UsersCommand.self, AuditCommand.self, PurgeCommand.self,
            CalendarCommand.self, DeadlineCommand.self, ClocksCommand.self, RecomputeCommand.self, ConfigCommand.self,
            AlertsCommand.self, AckCommand.self, CrisisCommand.self, SeverityCommand.self, ValidityCommand.self,
            PenaltiesCommand.self, FiguresCommand.self, ReportCommand.self, ScriptsCommand.self, HandoverCommand.self,
            CommandsCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// Runs the command line and exits with its status.
    ///
    /// Before anything else a setgid console gives up its group (kept aside for the desk file
    /// only) (docs/trust-model.md).
    static func main() {
        do { try DeskPrivilege.start() } catch { Foundation.exit(fail("\(error)", code: 6)) }
        Foundation.exit(execute(Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses, checks the login and the access table, and runs one command line; returns its exit
    /// status, with domain and storage errors as one line on standard error. The login is asked
    /// of the kernel: a uid without a passwd entry runs nothing. (The attack suite runs the
    /// confidentiality matrix through here, in process.)
    static func execute(_ arguments: [String]) -> Int32 {
        defer { fflush(nil) }
        OutputLanguage.current = OutputLanguage.of(arguments)
        let language = OutputLanguage.current
        do {
            var command = try parseAsRoot(arguments)
            if case let .failure(refusal) = OSLogin.resolved { return fail(refusal.message, code: refusal.code) }
            try AccessGate.check(command)
            try command.run()
            return 0
        } catch let error as DomainError {
            return fail(error.refusals.map { $0.text(language) }, code: error.exitCode)
        } catch let error as StoreError {
            return fail(error.text(language), code: 4)
        } catch let error as StoredValueError {
            return fail(error.text(language), code: 4)
        } catch let error as CSVError {
            return fail(error.text(language), code: 2)
        } catch let error as CommandFailure {
            return fail(error.message, code: error.code)
        } catch where StoreError.escaped(error, path: "") != nil {
            let path = Self.databasePath(in: arguments)
            return fail(StoreError.escaped(error, path: path)!.text(language), code: 4)
        } catch {
            // As `exit(withError:)`, but through ConsoleOutput: a parse error quotes what was typed,
            // which may have come from a file (`xargs`). Help is status 0, on standard output.
            let code = exitCode(for: error)
            let full = fullMessage(for: error)
            let message = code == .success ? full : CommandLineProblem.reworded(full, language: language)
            if !message.isEmpty {
                if code == .success { ConsoleOutput.standardOutput(message + "\n") } else { ConsoleOutput.standardError(message + "\n") }
            }
            return code.rawValue
        }
    }

    /// The desk a command line names (`--db`, else `$CONSOLE_DB` or the default), read without
    /// parsing the rest: for wording a failure that escaped the command.
    static func databasePath(in arguments: [String]) -> String {
        var options = GlobalOptions()
        for (i, a) in arguments.enumerated() {
            if a == "--db", i + 1 < arguments.count { options.db = arguments[i + 1] }
            if a.hasPrefix("--db=") { options.db = String(a.dropFirst(5)) }
        }
        return options.databasePath
    }

    /// Writes `message` on standard error (made harmless: it may quote a file); returns `code`.
    static func fail(_ message: String, code: Int32) -> Int32 {
        fail([message], code: code)
    }

    /// Writes each message on its own line of standard error (every refusal of a request); returns `code`.
    static func fail(_ messages: [String], code: Int32) -> Int32 {
        fflush(nil)
        ConsoleOutput.standardError(messages.map { "console: \($0)\n" }.joined())
        return code
    }
}

/// A failure with its own message and exit status.
struct CommandFailure: Error {
    var message: String
    var code: Int32 = 1

    /// A failure whose message is already in the reader's language (a typed error's own text).
    init(message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }

    /// A failure worded in both languages; the run's language picks (`OutputLanguage.say`).
    init(_ english: String, _ chinese: String, code: Int32 = 1) {
        self.init(message: OutputLanguage.say(english, chinese), code: code)
    }
}

extension DomainError {
    /// Exit status: 2 for bad input, 5 for a conflict, 6 for a refusal, 1 otherwise.
    var exitCode: Int32 {
        switch self {
        case .invalidValue, .missingField, .malformedField, .invalidFields: return 2
        case .conflict: return 5
        case .notPermitted: return 6
        default: return 1
        }
    }
}
