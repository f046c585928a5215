import ArgumentParser
import CaseModel
import Foundation

/// `console users`: the roster.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage the roster of users and duty shifts.",
        discussion: """
        Adding users, changing roles and disabling need an administrator; shifts need a team lead or an \
        administrator. On a new database with an empty roster, the first user added must be an \
        administrator (or use `console init --admin NAME`). Every change is recorded in the audit trail.
        """,
        subcommands: [Add.self, List.self, SetRole.self, SetPhone.self, Disable.self, Enable.self, ShiftCommand.self, AllowSwitch.self, Notify.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "Name shown on screen (e.g. 王敏).") var display: String?
        @Option var team: String = ""
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String = "handler"
        @Option(help: "A work phone to reach them on duty (shown on the roster: docs/roster.md).") var phone: String = ""

        func run() throws {
            let r = try Role.parse(role, field: "--role")
            try global.openDesk().addUser(DeskUser(name: name, displayName: display ?? name, team: team, role: r, phone: phone), actor: global.actor)
            print(OutputLanguage.say("added \(name) (\(r.rawValue))", "已添加 \(name)（\(r.zh)）"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their open load and whether on duty now.")
        @OptionGroup var global: GlobalOptions
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            let rows = try desk.roster(at: desk.clock.now(), actor: global.actor)
            if json {
                print(CaseJSON.text(rows.map { r -> [String: Any] in
                    ["name": r.user.name, "display_name": r.user.displayName, "team": r.user.team, "role": r.user.role.rawValue,
                     "active": r.user.active, "on_duty": r.onDuty, "open_cases": r.openCases]
                }))
                return
            }
            let zh = OutputLanguage.current == .zh
            var t = TextTable(headers: zh ? ["登录名", "姓名", "小组", "角色", "在职", "在岗", "未结"] : ["name", "display", "team", "role", "active", "on duty", "open"],
                              rightAligned: [6])
            for r in rows {
                let u = r.user
                t.rows.append([u.name, u.displayName, u.team, zh ? u.role.zh : u.role.rawValue, u.active ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
                               r.onDuty ? (zh ? "是" : "yes") : "", String(r.openCases)])
            }
            print(t.render())
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Argument var role: String

        func run() throws {
            let r = try Role.parse(role, field: "role")
            try global.openDesk().setRole(name, to: r, actor: global.actor)
            print(OutputLanguage.say("\(name) is now \(r.rawValue)", "\(name) 现为\(r.zh)"))
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user (kept for the record).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run() throws {
            try global.openDesk().setActive(name, false, actor: global.actor)
            print(OutputLanguage.say("\(name) disabled", "\(name) 已停用"))
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run() throws {
            try global.openDesk().setActive(name, true, actor: global.actor)
            print(OutputLanguage.say("\(name) enabled", "\(name) 已启用"))
        }
    }

    struct AllowSwitch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allow-switch", abstract: "Allow or forbid `--user NAME` (acting as another roster user) on this desk.",
            discussion: "Off by default: everyone acts as their OS login ($USER). Turn it on only for a shared training terminal or scripted tests. Administrators only; audited.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "on or off.") var value: String

        func run() throws {
            guard value == "on" || value == "off" else { throw CommandFailure("allow-switch: expected on or off, got \"\(value)\"", "allow-switch：应为 on 或 off，收到 \"\(value)\"", code: 2) }
            try global.openDesk().setSetting(DeskSettings.allowUserSwitch, value, actor: global.actor)
            print(OutputLanguage.say("--user is now \(value == "on" ? "allowed" : "refused") on this desk", "本台现在\(value == "on" ? "允许" : "不允许")使用 --user"))
        }
    }

    struct Notify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set how a new critical alert is announced to you in the console: off, bell or flash (the default).",
            discussion: "Your own setting only; each alert is announced at most once. Recorded in the audit trail.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "off, bell or flash; omit to show the current setting.") var value: String?

        func run() throws {
            let desk = try global.openDesk()
            guard let value else {
                let now = try AlertReaders.notification(desk, actor: global.actor)
                print(OutputLanguage.say("new critical alerts: \(now.rawValue) (\(now.zh))", "新的紧急预警：\(now.zh)（\(now.rawValue)）"))
                return
            }
            let v = try AlertNotification.parse(value, field: "notify")
            try AlertReaders.setNotification(desk, v, actor: global.actor)
            print(OutputLanguage.say("new critical alerts: \(v.rawValue) (\(v.zh))", "新的紧急预警：\(v.zh)（\(v.rawValue)）"))
        }
    }

    struct SetPhone: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-phone", abstract: "Record a user's work phone for the duty roster (team leads, administrators; empty clears it).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Argument var phone: String

        func run() throws {
            try global.openDesk().setPhone(name, phone, actor: global.actor)
            print(phone.isEmpty ? "\(name): phone cleared" : "\(name): phone recorded")
        }
    }
}
