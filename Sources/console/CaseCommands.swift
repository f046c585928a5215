import ArgumentParser
import CaseModel
import DeskServer
import Foundation

/// `console init`: create the database (idempotent; never destroys data).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a database (safe to repeat: existing data is kept).",
        discussion: """
        The file is created readable only by you (0600). With --group, it belongs to that group with mode 0660 \
        and its directory to the group with mode 2770, so the group's members' consoles can all write it \
        ($CONSOLE_DB_GROUP does the same for a file `init` or `demo` creates). With --shared GROUP (run as root or \
        the service user), the same for a service group that people are not members of, then a check of the \
        directory, the files, the group's members and (--binary) the console installed setgid to the group: \
        exit 1 when a check fails, with the command that fixes it. --admin NAME adds the first administrator \
        to a new, empty roster. Only init and demo create a desk; every other command refuses a missing or empty file.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Add this user as the first administrator (only on an empty roster).") var admin: String?
    @Option(help: "The administrator's display name.") var display: String?
    @Option(help: "Share the file and its directory with this group (0660, 2770).") var group: String?
    @Option(help: ArgumentHelp("Set up a shared desk for this service group and check it (root or the service user).", valueName: "group")) var shared: String?
    @Option(help: ArgumentHelp("With --shared: the installed console to check (root-owned, the group's, setgid).", valueName: "path")) var binary: String?

    func run() throws {
        if group != nil && shared != nil { throw CommandFailure("--group and --shared: give one (--shared is --group for a service group, with checks)", "--group 与 --shared 只能给一个（--shared 即为服务组设的 --group，带检查）", code: 2) }
        if binary != nil && shared == nil { throw CommandFailure("--binary: only with --shared GROUP", "--binary 只能与 --shared GROUP 同用", code: 2) }
        let path = global.databasePath
        if ServerAddress.isServer(path) {
            if group != nil || shared != nil || admin != nil {
                throw CommandFailure("--group, --shared and --admin are for a desk file; on a server, roles and grants decide (docs/server-desk.md)",
                                     "--group、--shared、--admin 只用于台文件；服务器上由角色与授权决定（见 docs/server-desk.md）", code: 2)
            }
            return try ServerDeskCommands.initialize(path)
        }
        var setup: SharedDesk?
        if let name = shared ?? group {
            let s = try SharedDesk(databasePath: path, group: name)
            if shared != nil && !s.mayBeSetUpHere {
                throw CommandFailure("--shared \(s.group): run it as root or as the service user (whose group is \(s.group))", "--shared \(s.group)：请以 root 或服务用户（其组为 \(s.group)）运行", code: 6)
            }
            try s.prepareDirectory()
            setup = s
        }
        let existed = FileManager.default.fileExists(atPath: path)
        let store = try global.openStore(quiet: true, create: true, sharedGroup: setup?.group)
        if let setup {
            if existed { try FileAccess.share(database: path, group: setup.group) }
            if shared != nil { try setup.applyModes() }
        }
        let desk = CaseDesk(store: store, clock: try global.clock(), policy: try DeskSetup.policy(for: store))
        if let admin {
            try desk.addUser(DeskUser(name: admin, displayName: display ?? admin, team: "", role: .administrator), actor: global.actor)
            print(OutputLanguage.say("added \(admin) as the first administrator", "已添加 \(admin) 为首位管理员"))
        }
        if admin == nil, case .emptyRoster? = try? desk.standing(of: global.actor.name), let notice = AccessControl.notice(for: global.actor.name, .emptyRoster) {
            ConsoleOutput.standardError("console: note: \(notice.text(global.language))\n")
        }
        // The count only for someone on the roster, and only of the cases they may see.
        let count = (try? desk.count(CaseFilter(), actor: global.actor)).map { "\($0) cases; " } ?? ""
        if let setup, shared != nil { try setup.applyModes() }
        let mode = store.fileMode()
        print("\(store.path): ready (\(count)mode \(String(mode.mode, radix: 8))\(mode.group.map { ", group \($0)" } ?? ""))")
        guard let setup, shared != nil else { return }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let findings = setup.check(binary: binary, running: running)
        for f in findings {
            print("\(f.ok ? "ok " : "FIX") \(f.subject): \(f.detail)\(f.ok ? "" : f.fix.map { "\n    fix: \($0)" } ?? "")")
        }
        if findings.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}

/// `console add`: take one complaint in, from flags or JSON on standard input.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Take a complaint in; prints the new case number.",
        discussion: "With --stdin, reads one JSON object (the keys of `console show --json`) from standard input.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Read the case as JSON from standard input.") var stdin = false
    @Option(help: "When received (ISO 8601 or 2026-02-14 10:00; default now; never in the future). A letter or a regulator's transfer that arrived days ago gets its clocks from its receipt.") var receivedAt: String?
    @Option(help: "Channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).") var channel: String?
    @Option(help: "Branch or organisation.") var branch: String?
    @Option(help: "The regulator's transfer number (转办编号), for a case a regulator forwarded (--source regulator-local or regulator-national, or --channel regulator).") var regulatorRef: String?
    @Option(help: "Source: \(CaseSource.allCases.map(\.rawValue).joined(separator: ", ")).") var source: String?
    @Option(help: "Complainant's name.") var name: String?
    @Option var phone: String?
    @Option(help: "ID number (18 characters, check digit verified).") var idNumber: String?
    @Option var policyNumber: String?
    @Option var claimNumber: String?
    @Option(help: "Insurance line: \(InsuranceLine.allCases.map(\.rawValue).joined(separator: ", ")).") var line: String?
    @Option var product: String?
    @Option(help: "Category: \(Category.allCases.map(\.rawValue).joined(separator: ", ")).") var category: String?
    @Option(help: "Kind: \(CaseKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String?
    @Option(help: "Summary (at most \(TextLimits.summary) characters).") var summary: String?
    @Option(help: "Details: the complaint as told (at most \(TextLimits.details) characters).") var details: String?
    @Option(help: "What the customer asks for (at most \(TextLimits.demand) characters).") var demand: String?
    @Option(help: "People complaining together.") var people: Int?
    @Option(help: "Potential loss in yuan.") var loss: Double?
    @Flag(help: "A regulator is involved.") var regulator = false
    @Flag(help: "News media are involved.") var media = false
    @Flag(help: "Exposed online.") var online = false
    @Option(help: "Assign to this handler at once.") var handler: String?
    @Option(help: "Link as a repeat of this earlier case (see `console add --suggest`).") var repeatOf: String?
    @Flag(help: "Only list earlier cases this complaint may repeat; save nothing.") var suggest = false
    @Flag(help: "Print the saved case as JSON.") var json = false

    func run() throws {
        var draft = CaseDraft()
        if stdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            do { draft = try JSONDecoder().decode(CaseDraft.self, from: data) } catch {
                throw CommandFailure("standard input: not a case JSON object: \(ImportErrors.describe(error))", "标准输入：不是案件的 JSON 对象：\(ImportErrors.describe(error))", code: 2)
            }
        }
        if let v = receivedAt { draft.receivedAt = v }
        if let v = channel { draft.channel = v }
        if let v = branch { draft.branch = v }
        if let v = regulatorRef { draft.regulatorRef = v }
        if let v = source { draft.source = v }
        if let v = name { draft.name = v }
        if let v = phone { draft.phone = v }
        if let v = idNumber { draft.idNumber = v }
        if let v = policyNumber { draft.policyNumber = v }
        if let v = claimNumber { draft.claimNumber = v }
        if let v = line { draft.line = v }
        if let v = product { draft.product = v }
        if let v = category { draft.category = v }
        if let v = kind { draft.kind = v }
        if let v = summary { draft.summary = v }
        if let v = details { draft.details = v }
        if let v = demand { draft.demand = v }
        if let v = people { draft.people = v }
        if let v = loss { draft.potentialLoss = v }
        if regulator { draft.regulatorInvolved = true }
        if media { draft.mediaInvolved = true }
        if online { draft.onlineExposure = true }
        if let v = handler { draft.handler = v }
        let desk = try global.openDesk()
        let candidates = try desk.repeatCandidates(phone: draft.phone, idNumber: draft.idNumber, policyNumber: draft.policyNumber,
                                                   actor: global.actor)
        if suggest {
            if json {
                print(CaseJSON.text(candidates.map { ["number": $0.number, "received_at": DeskTime.standard.format($0.receivedAt),
                                                      "status": $0.status.rawValue, "summary": Masking.maskText($0.summary),
                                                      "repeat_count": $0.repeatCount, "matched_on": $0.matchedOn] as [String: Any] }))
            } else if candidates.isEmpty {
                print(OutputLanguage.say("no earlier case on the same phone, ID or policy number", "同一电话、证件号或保单号下没有更早的案件"))
            } else {
                var t = TextTable(headers: ["number", "received", "status", "repeats", "matched", "summary"], flexible: [5])
                for c in candidates {
                    t.rows.append([c.number, DeskTime.standard.short(c.receivedAt), c.status.rawValue, String(c.repeatCount),
                                   c.matchedOn.joined(separator: ","), Masking.maskText(c.summary)])
                }
                print(t.render())
            }
            return
        }
        let saved = try desk.intake(draft, actor: global.actor, repeatOf: repeatOf)
        if json {
            print(CaseJSON.text(CaseJSON.object(saved)))
        } else {
            print(saved.number)
            if repeatOf == nil && !candidates.isEmpty {
                let list = candidates.prefix(3).map(\.number).joined(separator: ", ")
                ConsoleOutput.standardError(OutputLanguage.say("note: possible repeat of \(list); link with `console link \(saved.number) --to \(candidates[0].number)`\n", "注：可能与 \(list) 重复；可用 `console link \(saved.number) --to \(candidates[0].number)` 关联\n"))
            }
        }
    }
}

/// `console link`: confirm that a case repeats an earlier one.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "link", abstract: "Link a case as a repeat complaint of an earlier case (raises the repeat count).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new case.") var number: String
    @Option(help: "The earlier case it repeats.") var to: String

    func run() throws {
        let c = try global.openDesk().linkRepeat(number, to: to, actor: global.actor)
        print("\(c.number): repeat #\(c.repeatCount) of \(c.repeatOf ?? to), severity \(c.severity.rawValue)")
    }
}

/// Options shared by `list` and `export`: a filter on every axis.
struct FilterOptions: ParsableArguments {
    @Option(help: "Status (repeatable or comma-separated).") var status: [String] = []
    @Flag(help: "Only open cases.") var open = false
    @Flag(help: "Only closed, followed-up or withdrawn cases.") var closed = false
    @Option(help: "Category.") var category: [String] = []
    @Option(help: "Severity.") var severity: [String] = []
    @Option(help: "Kind.") var kind: [String] = []
    @Option(help: "Handler user name ('-' for unassigned).") var handler: [String] = []
    @Option(help: "Branch.") var branch: [String] = []
    @Option(help: "Channel.") var channel: [String] = []
    @Option(help: "Insurance line.") var line: [String] = []
    @Option(help: "Received at or after (ISO 8601).") var from: String?
    @Option(help: "Received before (ISO 8601).") var to: String?
    @Option(help: "Next deadline before (ISO 8601).") var dueBefore: String?
    @Option(help: "Search number, name, phone, ID, policy and text.") var search: String?
    @Option(help: "Sort: \(CaseFilter.Sort.allCases.map(\.rawValue).joined(separator: ", ")).") var sort: String = "due"
    @Option(help: "At most this many cases.") var limit: Int?
    @Option(help: "Skip this many cases first.") var offset: Int = 0

    func filter() throws -> CaseFilter {
        var f = CaseFilter()
        if open && closed { throw CommandFailure("--open and --closed exclude each other", "--open 与 --closed 不能同用", code: 2) }
        f.openness = open ? .open : closed ? .closed : .any
        func values(_ a: [String]) -> [String] { a.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } }
        f.statuses = try values(status).map { try CaseStatus.parse($0, field: "--status") }
        f.categories = try values(category).map { try Category.parse($0, field: "--category") }
        f.severities = try values(severity).map { try Severity.parse($0, field: "--severity") }
        f.kinds = try values(kind).map { try CaseKind.parse($0, field: "--kind") }
        f.channels = try values(channel).map { try Channel.parse($0, field: "--channel") }
        f.lines = try values(line).map { try InsuranceLine.parse($0, field: "--line") }
        f.branches = values(branch)
        f.handlers = values(handler).map { $0 == "-" ? "" : $0 }
        func time(_ s: String?, _ flag: String) throws -> Instant? {
            try s.map { try DeskTime.standard.read($0, field: flag) }
        }
        f.receivedFrom = try time(from, "--from")
        f.receivedBefore = try time(to, "--to")
        f.dueBefore = try time(dueBefore, "--due-before")
        f.search = search ?? ""
        guard let s = CaseFilter.Sort(rawValue: sort) else {
            throw CommandFailure("--sort: unknown order \"\(sort)\" (expected one of: \(CaseFilter.Sort.allCases.map(\.rawValue).joined(separator: ", ")))", "--sort：没有排序 \"\(sort)\"（可选：\(CaseFilter.Sort.allCases.map(\.rawValue).joined(separator: "、"))）", code: 2)
        }
        f.sort = s
        if let limit { try DeskBounds.check(limit, in: DeskBounds.listLimit, field: "--limit") }
        try DeskBounds.check(offset, in: DeskBounds.listOffset, field: "--offset")
        f.limit = limit
        f.offset = offset
        return f
    }
}

/// `console list`: cases as a table or JSON.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, filtered and sorted.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: FilterOptions
    @Flag(help: "JSON array of cases.") var json = false
    @Flag(help: "Refused: personal data is revealed one case at a time, with a reason (`console show N --reveal --reason ...`).") var reveal = false
    @Option(help: "Only open cases whose worst clock is in this state now: warning or breach.") var state: String?
    @Flag(help: "Print only how many cases match, exactly (a list's own footer says \"more than 1000\" past a thousand).") var count = false

    /// Up to this many matches a list's footer gives the exact number.
    static let exactCountBound = 1_000

    func run() throws {
        if reveal {
            throw CommandFailure("--reveal: personal data is revealed one case at a time, for a stated reason: `console show NUMBER --reveal --reason \"...\"`", "--reveal：个人信息只能逐件、说明理由后显示：`console show 案件号 --reveal --reason \"...\"`", code: 2)
        }
        var f = try filter.filter()
        if f.limit == nil && !json { f.limit = 200 }
        let desk = try global.openDesk()
        var cases: [ComplaintCase]
        if let state {
            guard let wanted = ClockState.parse(state), wanted != .ok else {
                throw CommandFailure("--state: expected warning or breach, got \"\(state)\"", "--state：应为 warning 或 breach，收到 \"\(state)\"", code: 2)
            }
            // Clock states depend on the instant, so they are read from the clocks, not stored.
            var all = f
            all.limit = nil; all.offset = 0
            if all.openness == .any { all.openness = .open }
            let now = desk.clock.now()
            let matching = try desk.list(all, actor: global.actor).filter { c in
                let worst = desk.clocks(of: c).map { $0.reading(at: now).state }.max() ?? .ok
                return worst == wanted
            }
            if count { print(matching.count); return }
            cases = Array(matching.dropFirst(f.offset).prefix(f.limit ?? Int.max))
        } else {
            if count { print(try desk.count(f, actor: global.actor)); return }
            cases = try desk.list(f, actor: global.actor)
        }
        if json {
            print(CaseJSON.text(cases.map { CaseJSON.object($0) }))
            return
        }
        let now = desk.clock.now()
        let l = global.language
        let names = try desk.peopleNames(actor: global.actor)
        let headers = l == .zh ? ["编号", "受理", "严重度", "类别", "状态", "处理人", "应于", "剩余/超时", "投诉人", "摘要"]
                               : ["number", "received", "sev", "category", "status", "handler", "due", "left", "complainant", "summary"]
        var t = TextTable(headers: headers, flexible: [9])
        for c in cases {
            // The nearest clock's figure, the same as `clocks` and `show` print (docs/clocks-and-durations.md).
            let figure = ClockFigure.nearest(desk.clocks(of: c), at: now)
            let dueAt = figure?.due ?? c.nextDueAt
            let due = dueAt.map { ($0 <= now ? "!" : "") + DeskTime.standard.short($0) } ?? "-"
            t.rows.append([c.number, DeskTime.standard.short(c.receivedAt), c.severity.label(l), c.category.label(l), c.status.label(l),
                           c.handler.map(names.name) ?? "-", due, figure?.left(l) ?? "-", Masking.maskName(c.complainant.name),
                           Masking.maskText(c.summary)])
        }
        print(t.render())
        // Past a thousand matches only "more than 1000": counting every match of a common word
        // reads them all (docs/search-index.md, "Counts past a thousand"); --count is exact.
        let total = state == nil ? try desk.count(f, atMost: Self.exactCountBound, actor: global.actor) : .exactly(cases.count)
        if total.exceeds(cases.count) {
            if total.isExact {
                print(l == .zh ? "（共 \(total.value) 件，显示 \(cases.count) 件；用 --limit 和 --offset 查看更多）" : "(\(cases.count) of \(total.value); use --limit and --offset for more)")
            } else {
                print(l == .zh ? "（超过 \(total.value) 件，显示 \(cases.count) 件；用 --limit 和 --offset 查看更多，--count 查看确切件数）"
                               : "(\(cases.count) of more than \(total.value); use --limit and --offset for more, --count for the exact number)")
            }
        }
    }
}

/// `console assign`: give cases to a handler, or move all of an absent handler's open cases to
/// the others on duty, balanced by load.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign cases to a handler (all or none), or move all of an absent handler's open cases.",
        discussion: """
        console assign TS-20260217-0042 TS-20260217-0043 --to zhangqiang
        console assign --from 李强 --balance --dry-run     # the proposed distribution; nothing changes
        console assign --from 李强 --balance               # urgent cases round-robin first, then the rest by load; same team preferred
        console assign --from liqiang --balance --to sunli --to zhaolei   # only to these
        Handlers are named by login or display name. A case changed since the plan was made stops
        the whole move (nothing is written).
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case numbers.") var numbers: [String] = []
    @Option(help: "The handler's user name (with --balance: a receiver; repeat to list several; default: everyone on duty).")
    var to: [String] = []
    @Option(help: "With --balance: the absent handler whose open cases move.") var from: String?
    @Flag(help: "Share --from's open cases among the receivers by load.") var balance = false
    @Flag(name: .customLong("dry-run"), help: "With --balance: print the plan, change nothing.") var dryRun = false

    func validate() throws {
        if from != nil || balance {
            guard from != nil, balance else { throw CommandLineProblem.usage("--from and --balance go together", "--from 与 --balance 须同用") }
            guard numbers.isEmpty else { throw CommandLineProblem.usage("--from moves every open case of the handler; give no case numbers", "--from 会移走该处理人的全部未结案件，不要再给案件号") }
        } else {
            guard !numbers.isEmpty else { throw CommandLineProblem.usage("give case numbers and --to, or --from NAME --balance", "请给出案件号和 --to，或 --from 姓名 --balance") }
            guard to.count == 1 else { throw CommandLineProblem.usage("give exactly one --to handler", "--to 只能给一个处理人") }
            guard !dryRun else { throw CommandLineProblem.usage("--dry-run goes with --balance", "--dry-run 须与 --balance 同用") }
        }
    }

    func run() throws {
        let desk = try global.openDesk()
        guard let from else {
            let done = try desk.assign(numbers, to: to[0], actor: global.actor)
            print(OutputLanguage.say("assigned \(done.count) case(s) to \(to[0])", "已将 \(done.count) 件案件分派给 \(to[0])"))
            return
        }
        let plan = try desk.proposeMoveAll(from: from, to: to, actor: global.actor)
        var table = TextTable(headers: ["handler", "name", "team", "open now", "receives", "urgent", "open after"], flexible: [],
                              rightAligned: [3, 4, 5, 6])
        for s in plan.shares {
            table.rows.append([s.user.name, s.user.displayName, s.user.team, String(s.before), String(s.added), String(s.urgent), String(s.after)])
        }
        print("\(plan.from.displayName) (\(plan.from.name)): \(plan.moves.count) open case(s), \(plan.urgentCount) urgent (overdue or due soon) dealt round-robin first")
        print(table.render(maxWidth: 200))
        if dryRun {
            for m in plan.moves { print("\(m.number) -> \(m.to)\(m.urgent ? " (urgent)" : "")") }
            print(OutputLanguage.say("dry run: nothing changed", "试运行：未作任何改动"))
            return
        }
        let done = try desk.applyMoveAll(plan, actor: global.actor)
        print(OutputLanguage.say("moved \(done.count) case(s) from \(plan.from.name)", "已从 \(plan.from.name) 移出 \(done.count) 件案件"))
    }
}

/// `console unassign`: take cases back to the unassigned queue.
struct UnassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unassign", abstract: "Return cases to the unassigned queue.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case numbers.") var numbers: [String]

    func run() throws {
        let done = try global.openDesk().assign(numbers, to: nil, actor: global.actor)
        print(OutputLanguage.say("unassigned \(done.count) case(s)", "已撤回 \(done.count) 件案件的分派"))
    }
}

/// `console act`: a workflow action.
struct ActCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act", abstract: "Take a workflow action on a case.",
        discussion: """
        Actions: \(WorkflowAction.allCases.map(\.rawValue).joined(separator: ", ")).
        What each must record: note (--note), reject/withdraw/reopen (--reason), extend (--reason, --promised), \
        remind (--channel phone|sms|email, --to), close (--basis accepted|supported-by-law|invalid), \
        follow-up (--result satisfied|basically-satisfied|dissatisfied|unreachable).
        A note or contact may be made from a standard reply script (--script ID, see `console scripts`): its text, \
        filled for the case, is the note unless --note gives the text to save; the event records the script, its \
        version and whether the text was edited.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case number.") var number: String
    @Argument(help: "Action.") var action: String
    @Option var note: String?
    @Option var reason: String?
    @Option(help: "Closing basis.") var basis: String?
    @Option(help: "Callback result.") var result: String?
    @Option(help: "Satisfaction 1–5 at callback.") var satisfaction: Int?
    @Option(help: "New completion time promised to the complainant (ISO 8601).") var promised: String?
    @Option(help: "Reminder channel: phone, sms, email.") var channel: String?
    @Option(help: "Reminder addressee.") var to: String?
    @Option(help: "Resolution text (submit, close).") var resolution: String?
    @Option(help: "Refuse if the case is no longer at this version (another console changed it).") var expectVersion: Int?
    @Option(help: "Make the note or contact from this standard reply script (filled for the case, masked).") var script: String?
    @Option(help: "With --script: the script's language (default: the customer's, else zh).") var language: String?
    @Option(help: "With --script: address the customer as mr, ms or unknown.") var title: String = "unknown"

    func run() throws {
        let a = try WorkflowAction.parse(action, field: "action")
        if script == nil && language != nil { throw CommandFailure("--language goes with --script", "--language 须与 --script 同用", code: 2) }
        var input = ActionInput()
        input.note = note ?? ""
        input.reason = reason ?? ""
        input.closingBasis = try basis.map { try ClosingBasis.parse($0, field: "--basis") }
        input.callbackResult = try result.map { try CallbackResult.parse($0, field: "--result") }
        input.satisfaction = satisfaction
        if let promised { input.promisedAt = try DeskTime.standard.read(promised, field: "--promised") }
        input.reminderChannel = try channel.map { try ReminderChannel.parse($0, field: "--channel") }
        input.reminderTo = to ?? ""
        input.resolution = resolution ?? ""
        let desk = try global.openDesk()
        if let script {
            guard ScriptUse.actions.contains(a) else {
                throw CommandFailure("--script: a script is recorded only with a note or a contact, not with \(a.rawValue)", "--script：话术只能随备注或联系记录保存，不能随 \(a.rawValue)", code: 2)
            }
            let options = ScriptFillOptions(language: language, title: try CustomerTitle.parse(title, field: "--title"), promisedAt: input.promisedAt)
            let filled = try desk.script(script, for: number, library: try DeskSetup.scripts(for: desk.store), options: options, actor: global.actor)
            input.note = note ?? filled.text
            input.script = filled.use(savedText: input.note)
        }
        let c = try desk.act(number, a, input, actor: global.actor, expectedVersion: expectVersion)
        let from = input.script.map { " from script \($0.id) v\($0.version)\($0.edited ? " (edited)" : "")" } ?? ""
        print("\(c.number): \(a.rawValue) done\(from); status \(c.status.rawValue), version \(c.version)")
    }
}

/// `console backup`: an online copy of the database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database with SQLite's online backup (safe while consoles write).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new file (must not exist).") var file: String

    func run() throws {
        let desk = try global.openDesk()
        let progress = ProgressLine("backing up", unit: "pages", quiet: global.quiet)
        do {
            defer { progress.finish() }
            try desk.backup(to: file, actor: global.actor, progress: progress.sink)
        }
        let check = try CaseStore(path: file, creating: false).integrityCheck()
        print(OutputLanguage.say("backed up to \(file) (integrity: \(check.joined(separator: ", ")))", "已备份到 \(file)（完整性：\(check.joined(separator: "、"))）"))
        // A handover: the head goes to the anchor log and the system log (docs/audit-trail.md).
        AuditAnchor.record(desk, reason: "backup to \(file)")
    }
}
