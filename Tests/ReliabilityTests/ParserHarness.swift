import CaseModel
import Foundation
import TerminalKit

/// Every parser that reads outside data, behind one entry point: the corpus replay test and the
/// coverage-guided fuzzer (`Fuzz/`, which compiles this same file) feed bytes through here.
/// A parser may refuse its input with an error; it must never crash, hang or grow without bound.
public enum ParserHarness {
    /// The parsers, by the corpus directory name.
    public static let parsers = ["csv", "jsonl", "calendar", "policy", "theme", "keymap", "time", "duration", "figures", "mapping"]

    nonisolated(unsafe) static var now = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!

    /// Runs `data` through the parser named `parser`; returns whether it was accepted.
    @discardableResult
    public static func run(_ parser: String, _ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        switch parser {
        case "csv":
            // The importer's reader, then each row mapped to a case as the import does it.
            guard let rows = try? CSVReader(data: data).readAll(), let header = rows.first else { return false }
            guard let names = try? header.strings() else { return false }
            var accepted = 0
            for row in rows.dropFirst().prefix(2000) {
                guard let values = try? row.strings() else { continue }
                var object: [String: Any] = [:]
                for (name, value) in zip(names, values) {
                    // Typed as the import types them: counts, amounts and flags.
                    switch name {
                    case "people": object[name] = Int(value) ?? value
                    case "potential_loss": object[name] = Double(value) ?? value
                    case "regulator_involved", "media_involved", "online_exposure": object[name] = value == "true" || value == "1"
                    default: object[name] = value
                    }
                }
                if let json = try? JSONSerialization.data(withJSONObject: object), accept(json) { accepted += 1 }
            }
            return accepted > 0
        case "jsonl":
            var accepted = 0
            for line in data.split(separator: 0x0A).prefix(2000) where accept(Data(line)) { accepted += 1 }
            return accepted > 0
        case "calendar":
            return (try? CalendarSet(layers: [[CalendarSourceFile(name: "fuzz.cal", text: text)]])) != nil
        case "policy":
            return (try? PolicyFile.parse(text)) != nil
        case "theme":
            return (try? Theme.parse(text, name: "fuzz")) != nil
        case "keymap":
            return (try? KeyBindings<HarnessContext, HarnessCommand>().applying(file: text)) != nil
        case "time":
            let a = DeskTime.standard.parse(text) != nil
            let b = CivilDate(iso: text) != nil
            return a || b
        case "duration":
            return (try? Allowance(parsing: text)) != nil
        case "figures":
            return (try? BranchFiguresImport.parse(text)) != nil
        case "mapping":
            // An import mapping file (issue 9): every line checked before any data is read.
            return (try? MappingFileParser.parse(text, origin: "fuzz.map")) != nil
        default:
            return false
        }
    }

    /// One case as JSON (the import's JSON-lines row), decoded and validated as intake does.
    static func accept(_ json: Data) -> Bool {
        guard let draft = try? JSONDecoder().decode(CaseDraft.self, from: json) else { return false }
        return (try? draft.validated(now: now, operator: "fuzz")) != nil
    }
}

/// The key-binding parser is the engine's, generic over an app's contexts and commands; the
/// harness names the console's contexts and a few of its commands (with and without an argument),
/// so the fuzzer links the engine alone, without ncurses or screens.
enum HarnessContext: String, BindingContext {
    case global, dashboard, queue, caseView = "case", help, reports, crisis, intake, assign, alerts
}

/// Commands a binding file may name in the harness.
enum HarnessCommand: String, BindableCommand {
    case help, quit, back, mark, refresh, open, reassign, moveAll = "move-all", alerts, search
    var takesArgument: Bool { self == .reassign || self == .moveAll || self == .alerts || self == .search }
}
