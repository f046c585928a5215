import ArgumentParser
import CaseModel
import ConsoleUI
import DeskServer
import Foundation
import TerminalCurses
import TerminalKit

/// `console` / `console tui`: the full-screen duty console.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the full-screen console (the default when no subcommand is given).",
        discussion: """
        --now fixes the starting instant; the console's clock then runs on with real time so \
        countdowns tick. Settings: console.conf, keys.conf and themes/ in the config directory \
        ($CONSOLE_CONFIG_DIR, else $XDG_CONFIG_HOME/complaint-console). NO_COLOR turns colour off. \
        Logs go to --log (default: the config directory's console.log), never to the screen.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Theme: default, light, high-contrast, mono, or a .theme file.", valueName: "name")) var theme: String?
    @Flag(name: .customLong("read-only"), help: "Watch only: no reassigning or acknowledging (wall displays).") var readOnly = false
    @Flag(help: "ASCII lines and charts (for terminals that draw box characters double-width).") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR).") var noColor = false
    @Option(help: ArgumentHelp("Log file.", valueName: "path")) var log: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let configDir = DeskPaths.configDirectory()
        let config: ConsoleConfig
        do { config = try ConsoleConfig.load(directory: configDir) } catch {
            throw CommandFailure("\(error)", "设置文件有误：\(error)", code: 2)
        }

        // --lang, else console.conf's language, else the locale.
        let language: Language
        if let l = global.lang ?? config.language {
            guard let parsed = Language.parse(flag: l) else { throw CommandFailure("--lang: expected zh or en, got \"\(l)\"", "--lang：应为 zh 或 en，收到 \"\(l)\"", code: 2) }
            language = parsed
        } else {
            language = Language.fromLocale(env)
        }
        let chosenTheme: Theme
        do { chosenTheme = try Theme.load(theme ?? config.theme ?? "default", configDirectory: configDir) }
        catch { throw CommandFailure("\(error)", "配色文件有误：\(error)", code: 2) }
        var keyMap = KeyMap.defaults
        let keysPath = configDir + "/keys.conf"
        do {
            // A keys.conf that exists is used or refused, never skipped (a byte that is not UTF-8 names its line).
            if let text = try TextFile.read(keysPath) { keyMap = try keyMap.applying(file: text, name: keysPath) }
        } catch { throw CommandFailure("\(error)", "按键文件有误：\(error)", code: 2) }
        if config.ambiguousWide == true { DisplayWidth.ambiguousIsWide = true }

        // --now fixes where the clock starts; it then runs with real time.
        let start = try global.clock().now()
        let clock: DeskClock = (global.now ?? env["CONSOLE_NOW"]).map { $0.isEmpty } == false ? OffsetClock(start: start) : SystemClock()
        // The store the access gate opened (who may act, no --user switching unless allowed): one
        // connection pool per process, which the alert thread shares.
        let store = try global.openDesk().store
        // A server desk: its changes reach this host's copy as they happen (docs/server-desk.md).
        let changed = ChangeSignal()
        let follower = try GlobalOptions.replica.map { replica in
            try ServerDeskCommands.mapped {
                try ServerFollower(replica, caughtUp: { changed.raise() }, report: { ConsoleLog.shared.write("server: \($0)") })
            }
        }
        defer { follower?.stop() }
        // Open for hours: small page caches, the OS's file cache does the rest (docs/memory.md).
        store.preferSmallFootprint()
        let desk = CaseDesk(store: store, clock: clock, policy: try DeskSetup.policy(for: store))
        let actor = global.actor
        // Why this desk is read-only for this user, if it is: said from the first frame (docs/console-reading.md).
        var access = try desk.writeAccess(actor: actor)
        if readOnly { access = access.adding(.requested) }
        var settings = ConsoleSettings(language: language, readOnly: readOnly || store.isReadOnly || !access.isWritable,
                                       asciiGlyphs: ascii || config.ascii == true, userName: actor.name, keyMap: keyMap)
        settings.writeAccess = access.isWritable ? nil : access
        // The reply scripts the case screen offers: a bad desk file is refused with its file and line,
        // as `console act --script` refuses it (docs/scripts.md).
        let scripts = try DeskSetup.scripts(for: store)
        var launch = ConsoleLaunch(data: CaseModelDataSource(desk: desk, actor: actor, scripts: scripts), clock: clock, settings: settings,
                                   theme: chosenTheme, noColor: noColor || !(env["NO_COLOR"] ?? "").isEmpty,
                                   logPath: log ?? configDir + "/console.log")
        launch.changed = changed
        // On a server desk one console runs the alert rules for everyone (docs/server-desk.md).
        if let writer = GlobalOptions.serverWriter { launch.alertRulesHere = { writer.holdsAlertRules() } }
        let status: Int32
        do {
            status = try TerminalLoop.run(ConsoleSession(launch), theme: launch.theme, noColor: launch.noColor, stderrPath: launch.logPath,
                                          log: ConsoleLog.shared.write)
        } catch let e as TerminalError { throw CommandFailure(message: e.description, code: 3) }
        // The end of a console session is a handover: the head goes outside the file (docs/audit-trail.md).
        AuditAnchor.record(desk, reason: "console closed by \(actor.name)")
        if status != 0 { throw ExitCode(status) }
    }
}
