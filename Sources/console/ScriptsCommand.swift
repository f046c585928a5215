import ArgumentParser
import CaseModel
import Foundation

/// `console scripts`: the standard reply scripts 话术 (docs/scripts.md).
struct ScriptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scripts", abstract: "Standard reply scripts 话术: list them, fill one for a case, check a directory of script files.",
        discussion: """
        Scripts ship with the console (Chinese and English); a desk's own files in `scripts/` beside the \
        database (or in the config directory's `scripts/`) add to them, and one with the id and language of \
        a shipped script replaces it. `console config write-defaults` writes the shipped ones out for editing.
        """,
        subcommands: [List.self, Show.self, Check.self])

    /// How a fill addresses the customer and whether it reveals personal data.
    struct Fill: ParsableArguments {
        @Option(help: "Language of the wording (default: the customer's preferred language, else zh).") var language: String?
        @Option(help: "How to address the customer: mr (先生), ms (女士) or unknown (先生/女士).") var title: String = "unknown"
        @Flag(help: "Fill the customer's surname, policy and claim numbers unmasked (permitted roles; needs --reason; recorded in the audit trail).") var reveal = false
        @Option(help: "Why the personal data is needed (with --reveal).") var reason: String?

        func options(promisedAt: Instant? = nil) throws -> ScriptFillOptions {
            if reason != nil && !reveal { throw CommandFailure("--reason goes with --reveal", "--reason 须与 --reveal 同用", code: 2) }
            return ScriptFillOptions(language: language, title: try CustomerTitle.parse(title, field: "--title"),
                                     revealReason: reveal ? (reason ?? "") : nil, promisedAt: promisedAt)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The scripts (with --case: those that fit the case now, best first, filled).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "A case number: only the scripts that fit it now, best first.") var caseNumber: String?
        @OptionGroup var fill: Fill
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            let library = try DeskSetup.scripts(for: desk.store)
            if let caseNumber {
                let filled = try desk.scripts(for: caseNumber, library: library, options: try fill.options(), actor: global.actor)
                if json { print(CaseJSON.text(filled.map(ScriptsCommand.object))); return }
                if filled.isEmpty { print("\(caseNumber): no script fits this case now"); return }
                var t = TextTable(headers: ["#", "id", "lang", "v", "score", "title", "gaps"], rightAligned: [0, 3, 4])
                t.flexible = [5]
                for (i, f) in filled.enumerated() {
                    t.rows.append([String(i + 1), f.script.id, f.script.language, String(f.script.version), String(f.score ?? 0),
                                   f.script.title, f.gaps.map(\.rawValue).joined(separator: ",")])
                }
                print(t.render(maxWidth: 160))
                return
            }
            // No case: the library itself needs no desk data, but the reader must be on the roster (the gate).
            if json { print(CaseJSON.text(library.scripts.map(ScriptsCommand.describe))); return }
            var t = TextTable(headers: ["id", "lang", "v", "title", "fits", "source"])
            t.flexible = [3, 4]
            for s in library.scripts {
                t.rows.append([s.id, s.language, String(s.version), s.title, ScriptsCommand.fits(s), s.source.shipped ? "shipped" : s.source.file])
            }
            print(t.render(maxWidth: 200))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One script, filled for a case with --case (masked unless --reveal).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The script id.") var id: String
        @Option(name: .customLong("case"), help: "Fill it for this case.") var caseNumber: String?
        @OptionGroup var fill: Fill
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            let library = try DeskSetup.scripts(for: desk.store)
            let f = try desk.script(id, for: caseNumber, library: library, options: try fill.options(), actor: global.actor)
            if json { print(CaseJSON.text(ScriptsCommand.object(f), pretty: true)); return }
            let s = f.script
            print("\(s.title)  [\(s.label)]")
            if !s.situation.isEmpty { print("situation: \(s.situation)") }
            print("fits: \(ScriptsCommand.fits(s))")
            if let caseNumber {
                print(f.score == nil ? "\(caseNumber): does not fit this case now (shown because asked for)" : "\(caseNumber): fits (score \(f.score!))")
            }
            if !f.gaps.isEmpty { print("to fill in: \(f.gaps.map { "\($0.zh) \($0.rawValue)" }.joined(separator: ", "))") }
            print("")
            print(f.text)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a directory of script files (default: the config directory's scripts/): every problem with file:line.")
        @Argument(help: "The directory (or one .md file).") var path: String?

        func run() throws {
            let target = path ?? DeskPaths.configDirectory() + "/scripts"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
                throw CommandFailure("\(target): no such file or directory", "\(target)：文件或目录不存在", code: 2)
            }
            let desk: [ReplyScript]
            do {
                desk = isDirectory.boolValue ? try ScriptLibrary.readDirectory(target) : [try ScriptLibrary.readFile(target)]
            } catch let e as ScriptFileErrors {
                throw CommandFailure("\(e.errors.count) problem(s):\n" + e.description, "\(e.errors.count) 处问题：\n" + e.description, code: 3)
            } catch let e as ScriptFileError {
                throw CommandFailure(message: e.description, code: 3)
            }
            let library: ScriptLibrary
            do { library = try ScriptLibrary(shipped: ScriptLibrary.shipped.scripts, desk: desk) } catch let e as ScriptFileErrors {
                throw CommandFailure("\(e.errors.count) problem(s):\n" + e.description, "\(e.errors.count) 处问题：\n" + e.description, code: 3)
            }
            for s in desk { print("ok      \(s.source.file): \(s.label) \(s.title)") }
            for (mine, shipped) in library.replaced {
                var same = mine
                same.source = shipped.source
                if same == shipped { print("same as shipped \(shipped.label): \(mine.source.file)"); continue }
                let note = mine.version < shipped.version ? "  (note: lower than the shipped v\(shipped.version); an edited copy of an older release?)" : ""
                print("replaces shipped \(shipped.label) with \(mine.source.file) v\(mine.version)\(note)")
            }
            print("\(desk.count) file(s) checked; \(library.scripts.count) script(s) in all with the shipped ones")
        }
    }

    /// What a script fits, in one line.
    static func fits(_ s: ReplyScript) -> String {
        var parts: [String] = []
        func add(_ name: String, _ codes: [String]) { if !codes.isEmpty { parts.append("\(name) \(codes.joined(separator: ","))") } }
        add("category", s.categories.map(\.rawValue)); add("kind", s.kinds.map(\.rawValue)); add("stage", s.stages.map(\.rawValue))
        add("channel", s.channels.map(\.rawValue)); add("role", s.roles.map(\.rawValue)); add("when", s.conditions.map(\.rawValue))
        return parts.isEmpty ? "any case" : parts.joined(separator: "; ")
    }

    static func describe(_ s: ReplyScript) -> [String: Any] {
        ["id": s.id, "language": s.language, "version": s.version, "title": s.title, "situation": s.situation,
         "categories": s.categories.map(\.rawValue), "kinds": s.kinds.map(\.rawValue), "stages": s.stages.map(\.rawValue),
         "channels": s.channels.map(\.rawValue), "roles": s.roles.map(\.rawValue), "when": s.conditions.map(\.rawValue),
         "record": s.recordAs.map(\.rawValue), "source": s.source.shipped ? "shipped" : s.source.file, "wording": s.text.source]
    }

    static func object(_ f: FilledScript) -> [String: Any] {
        var o = describe(f.script)
        o["text"] = f.text
        o["gaps"] = f.gaps.map(\.rawValue)
        o["score"] = f.score.map { $0 as Any } ?? NSNull()
        o["personal_data"] = f.disclosure == .revealed ? "unmasked" : "masked"
        return o
    }
}
