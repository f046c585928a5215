import CaseModel
import Foundation
import TerminalKit

/// The `:` command line as it is being typed: the text, and the completion candidates Tab found.
public struct CommandPrompt: Sendable, Equatable {
    public var text: String
    /// Characters before the cursor; nil: at the end (where completion leaves it).
    public var cursor: Int?
    /// What Tab offered last (shown above the prompt); empty once the operator types again.
    public var candidates: [String] = []
    /// Which candidate repeated Tabs have put in the text.
    public var cycle: Int?
    /// The text before the word being completed, while cycling.
    var stem = ""

    /// A prompt holding `text`.
    public init(text: String = "") { self.text = text }
}

/// The `:` command line: every command by name (the same table as the key map and help), with an
/// argument of the kind the command declares (`CommandArgument`), aliases from the key-map file,
/// and Tab completion of names and arguments. Errors go to the status line; nothing runs half.
enum CommandLineUpdate {
    /// Opens the prompt (optionally with text typed) and loads the names completion offers.
    static func open(_ s: inout ConsoleState, text: String) -> [Effect] {
        s.overlay = .prompt(CommandPrompt(text: text))
        var effects: [Effect] = []
        if s.roster.isEmpty { effects.append(.loadRoster) }
        if s.branches.isEmpty { effects.append(.loadBranches) }
        return effects
    }

    static func handleKey(_ s: inout ConsoleState, _ key: Key, _ prompt: CommandPrompt) -> [Effect] {
        var p = prompt
        switch key {
        case .escape, .ctrl("c"):
            s.overlay = nil
            return []
        case .enter:
            s.overlay = nil
            return execute(&s, p.text)
        case .tab:
            complete(&p, s)
            p.cursor = nil
        case .backTab:
            if let i = p.cycle, !p.candidates.isEmpty {
                let j = (i + p.candidates.count - 1) % p.candidates.count
                p.cycle = j
                p.text = p.stem + p.candidates[j]
                p.cursor = nil
            }
        default:
            // Line editing: C-a/C-e, Home/End, ←/→, C-u, C-w, C-k, Backspace/Delete.
            var edit = EditableText(p.text, cursor: p.cursor)
            let full = p.text.count >= 120
            guard edit.apply(key, typing: { _ in !full }) != .ignored else { break }
            if edit.text != p.text { p.candidates = []; p.cycle = nil }
            p.text = edit.text
            p.cursor = edit.cursor == edit.text.count ? nil : edit.cursor
        }
        s.overlay = .prompt(p)
        return []
    }

    // MARK: completion

    /// What the word under completion may become: the text before it, the word, and the options.
    static func options(_ text: String, _ s: ConsoleState) -> (stem: String, word: String, options: [String]) {
        guard let space = text.firstIndex(of: " ") else {
            let names = Command.allCases.map(\.rawValue) + s.settings.keyMap.aliases.map(\.name)
            return ("", text, Array(Set(names)).sorted())
        }
        let name = String(text[..<space])
        let rest = String(text[text.index(after: space)...])
        guard let (command, preset) = lookup(name, s), preset.isEmpty, let kind = command.argument else { return (text, "", []) }
        // One word of argument: complete it whole (names and numbers have no spaces).
        let stem = String(text[...space])
        switch kind {
        case .handler:
            let people = s.roster.map(\.user) + s.assign.entries.map(\.user)
            return (stem, rest, Array(Set(people.flatMap { [$0.name, $0.displayName] })).sorted())
        case .caseNumber:
            return (stem, rest, knownNumbers(s))
        case .branch:
            return (stem, rest, s.branches + ["all"])
        case .choice(let values):
            return (stem, rest, values)
        case .text:
            return (stem, rest, [])
        }
    }

    /// Case numbers the console has on screen or loaded (any other number may still be typed).
    static func knownNumbers(_ s: ConsoleState) -> [String] {
        var out = Set(s.queue.rows.map(\.number))
        out.formUnion(s.dashboard.data?.countdown.map(\.number) ?? [])
        out.formUnion(s.dashboard.data?.alerts.compactMap(\.caseNumber) ?? [])
        out.formUnion(s.alerts.items.compactMap(\.alert.caseNumber))
        if let n = s.caseScreen.detail?.item.number { out.insert(n) }
        return out.sorted()
    }

    /// Tab: one match completes (a command that takes an argument gets its space); several extend
    /// to their common prefix and are listed; pressed again with nothing to add, Tab cycles them.
    static func complete(_ p: inout CommandPrompt, _ s: ConsoleState) {
        if let i = p.cycle, !p.candidates.isEmpty {
            let j = (i + 1) % p.candidates.count
            p.cycle = j
            p.text = p.stem + p.candidates[j]
            return
        }
        let (stem, word, options) = options(p.text, s)
        let matches = options.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        guard !matches.isEmpty else { p.candidates = []; return }
        if matches.count == 1 {
            p.text = stem + matches[0]
            if stem.isEmpty, let (c, preset) = lookup(matches[0], s), c.argument != nil, preset.isEmpty { p.text += " " }
            p.candidates = []
            return
        }
        p.candidates = matches
        let common = commonPrefix(matches)
        if common.count > word.count {
            p.text = stem + common
        } else {
            p.stem = stem
            p.cycle = 0
            p.text = stem + matches[0]
        }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for w in words.dropFirst() {
            let a = Array(w)
            var n = 0
            while n < prefix.count, n < a.count, prefix[n].lowercased() == a[n].lowercased() { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }

    // MARK: running

    /// A command by name or alias, with the argument words an alias carries.
    static func lookup(_ name: String, _ s: ConsoleState) -> (Command, String)? {
        if let c = Command(rawValue: name) { return (c, "") }
        guard let expansion = s.settings.keyMap.expansion(of: name) else { return nil }
        let words = expansion.split(separator: " ", maxSplits: 1).map(String.init)
        guard let c = Command(rawValue: words[0]) else { return nil }
        return (c, words.count > 1 ? words[1] : "")
    }

    /// Parses a command line into a command and its argument (empty when none was given).
    static func parse(_ text: String, _ s: ConsoleState) -> Result<(Command, String), CommandLineError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let (command, preset) = lookup(parts[0], s) else { return .failure(.unknown(parts[0])) }
        let typed = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let argument = [preset, typed].filter { !$0.isEmpty }.joined(separator: " ")
        if !argument.isEmpty, command.argument == nil { return .failure(.noArgument(command)) }
        return .success((command, argument))
    }

    /// Runs a command line: with its argument, or (left out) the command's screen or form.
    static func execute(_ s: inout ConsoleState, _ text: String) -> [Effect] {
        switch parse(text, s) {
        case .failure(.empty):
            return []
        case .failure(let e):
            ConsoleUpdate.say(&s, e.message(s.settings), error: true)
            return []
        case .success(let (command, argument)):
            return run(&s, command, argument)
        }
    }

    /// Queue commands typed elsewhere act on the queue, so `:filter` works from any screen.
    static let queueCommands: Set<Command> = [.filter, .search, .sortNext, .sortReverse, .toggleClosed, .clearFilter]

    static func run(_ s: inout ConsoleState, _ command: Command, _ argument: String) -> [Effect] {
        var effects: [Effect] = []
        if queueCommands.contains(command), s.screen != .queue {
            effects = QueueScreen.open(&s, query: s.queue.query, keepMarks: true)
        }
        guard !argument.isEmpty else {
            if command == .search { s.overlay = .input(InputLine(kind: .search, previous: s.queue.query.filter.search)); return effects }
            if command == .reassign, AssignScreen.contextNumbers(s).isEmpty { return AssignScreen.open(&s) }
            return effects + ConsoleUpdate.run(&s, command)
        }
        switch command {
        case .reassign:
            return effects + AssignScreen.assign(&s, to: argument)
        case .moveAll:
            return effects + AssignScreen.proposeMoveAll(&s, from: argument)
        case .go:
            return effects + [.loadCase(argument.uppercased())]
        case .search:
            var q = s.queue.query
            q.filter.search = argument
            return QueueScreen.open(&s, query: q, keepMarks: true)
        case .alerts, .alertLevel, .alertRule, .alertState, .alertBranch, .alertGroup:
            return effects + AlertsScreen.setFilter(&s, command, argument)
        case .ack:
            return effects + AlertsScreen.acknowledge(&s, filter: argument)
        case .sortNext:
            guard let column = QueueSort(rawValue: argument) else {
                return AlertsScreen.refuse(&s, command, argument)
            }
            var q = s.queue.query
            q.sort = column
            q.descending = false
            return QueueScreen.open(&s, query: q, keepMarks: true)
        default:
            if let field = command.prefilledField { return prefill(&s, command, field: field, argument) }
            return effects + ConsoleUpdate.run(&s, command)
        }
    }

    /// `:close accepted`, `:note 已回电`: opens the case action's form with the argument in its
    /// first field, for the operator to check and save (nothing is written from the line itself).
    static func prefill(_ s: inout ConsoleState, _ command: Command, field: String, _ argument: String) -> [Effect] {
        guard s.screen == .caseView, s.caseScreen.detail != nil else {
            ConsoleUpdate.say(&s, s.settings.t("先打开案件(Enter 或 :go 编号)再 :\(command.rawValue)",
                                               "Open a case first (Enter, or :go NUMBER), then :\(command.rawValue)"), error: true)
            return []
        }
        if case .choice(let values)? = command.argument, !values.contains(argument) {
            ConsoleUpdate.say(&s, s.settings.t("\(command.rawValue) 的取值: \(values.joined(separator: "/"))",
                                               "\(command.rawValue) takes one of: \(values.joined(separator: "/"))"), error: true)
            return []
        }
        let effects = ConsoleUpdate.run(&s, command)
        if let f = s.form, let i = f.fields.firstIndex(where: { $0.id == field }) {
            s.form?.set(field, argument)
            s.form?.focus = min(i + 1, f.fields.count - 1)
        }
        return effects
    }
}

/// Why a command line was refused; shown in the status line.
enum CommandLineError: Error, Equatable {
    case empty
    case unknown(String)
    case noArgument(Command)

    func message(_ st: ConsoleSettings) -> String {
        switch self {
        case .empty: return ""
        case .unknown(let name):
            return st.t("未知命令: \(SafeText.sanitize(name))(Tab 补全命令名)", "Unknown command: \(SafeText.sanitize(name)) (Tab completes names)")
        case .noArgument(let c):
            return st.t("\(c.rawValue) 不带参数", "\(c.rawValue) takes no argument")
        }
    }
}
