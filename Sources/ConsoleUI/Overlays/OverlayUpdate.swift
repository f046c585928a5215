import CaseModel
import Foundation
import TerminalKit

/// Keys while an overlay is open: the handler picker, a confirmation, text input, the filter editor.
///
/// Overlays read keys directly (Esc always cancels, Enter always accepts) so a remapped key map
/// can never leave an operator stuck inside a dialog.
enum OverlayUpdate {
    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        guard let overlay = s.overlay else { return [] }
        let nav = s.settings.keyMap.command(for: key, in: .global)
        switch overlay {
        case .picker(let numbers, let selected):
            switch (key, nav) {
            case (.escape, _), (.char("q"), _), (.ctrl("c"), _):
                s.overlay = nil
            case (_, .up?):
                s.overlay = .picker(numbers: numbers, selected: max(0, selected - 1))
            case (_, .down?):
                s.overlay = .picker(numbers: numbers, selected: min(max(0, s.roster.count - 1), selected + 1))
            case (.enter, _):
                guard let who = s.roster[safe: selected] else { return [] }
                s.overlay = .confirm(text: AssignScreen.confirmation(s, numbers.count, who), action: .assign(numbers: numbers, handler: who.user.name))
            default: break
            }
            return []
        case .confirm(_, let action):
            switch key {
            case .char("y"), .char("Y"), .enter:
                s.overlay = nil
                switch action {
                case .assign(let numbers, let handler): return [Effect(AssignCases(numbers: numbers, handler: handler))]
                case .acknowledgeAlerts(let filter, let expecting): return [Effect(AcknowledgeMatchingAlerts(filter: filter, expecting: expecting))]
                case .quit: s.quitRequested = true
                }
            case .char("n"), .char("N"), .escape, .char("q"), .ctrl("c"):
                s.overlay = nil
                ConsoleUpdate.say(&s, s.settings.t("已取消", "Cancelled"))
            default: break
            }
            return []
        case .input(var line):
            switch key {
            case .escape, .ctrl("c"):
                s.overlay = nil
                // What was shown while typing goes back to the search the line started from.
                if line.kind == .search, s.screen == .queue, s.queue.query.filter.search != line.previous {
                    var q = s.queue.query
                    q.filter.search = line.previous
                    return QueueScreen.open(&s, query: q, keepMarks: true)
                }
            case .enter:
                s.overlay = nil
                return submit(&s, line.kind, line.edit.text)
            case .up where !line.previous.isEmpty:
                // The previous search, to run again or edit.
                line.edit.replace(with: line.previous)
                s.overlay = .input(line)
            case .down:
                line.edit.replace(with: "")
                s.overlay = .input(line)
            default:
                let full = line.edit.text.count >= InputLine.maxLength
                _ = line.edit.apply(key, typing: { _ in !full })
                s.overlay = .input(line)
            }
            return []
        case .prompt(let prompt):
            return CommandLineUpdate.handleKey(&s, key, prompt)
        case .filter(var editor):
            let axes = FilterEditor.Axis.allCases
            switch (key, nav) {
            case (.escape, _), (.char("q"), _), (.ctrl("c"), _):
                s.overlay = nil
                return []
            case (.enter, _):
                s.overlay = nil
                var q = s.queue.query
                q.filter = editor.draft
                return QueueScreen.requery(&s, q)
            case (.char("c"), _):
                editor.draft = QueueQuery.openCases
                editor.draft.search = s.queue.query.filter.search
            case (_, .up?): editor.selected = max(0, editor.selected - 1)
            case (_, .down?): editor.selected = min(axes.count - 1, editor.selected + 1)
            case (_, .left?), (_, .right?), (.char(" "), _):
                let axis = axes[editor.selected]
                let choices = FilterEditor.choices(axis, settings: s.settings, branches: s.branches, handlers: s.roster.map(\.user.name))
                let current = FilterEditor.current(axis, in: editor.draft)
                let i = choices.firstIndex { $0.0 == current } ?? 0
                let delta = nav == .left ? -1 : 1
                let next = choices[(i + delta + choices.count) % choices.count].0
                FilterEditor.set(axis, to: next, in: &editor.draft)
            default: break
            }
            s.overlay = .filter(editor)
            return []
        }
    }

    /// Search as you type: once a burst of keys has settled (`Event.inputSettled`, so a paste or
    /// fast typing asks once), the queue behind the line shows what it says so far. The page is
    /// read on the effects worker; an answer to an older text is dropped when it arrives.
    static func searchWhileTyping(_ s: inout ConsoleState) -> [Effect] {
        guard case .input(let line)? = s.overlay, line.kind == .search, s.screen == .queue else { return [] }
        let text = line.edit.text.trimmingCharacters(in: .whitespaces)
        guard text != s.queue.query.filter.search else { return [] }
        var q = s.queue.query
        q.filter.search = text
        return QueueScreen.open(&s, query: q, keepMarks: true)
    }

    /// Applies a search.
    static func submit(_ s: inout ConsoleState, _ kind: InputKind, _ text: String) -> [Effect] {
        switch kind {
        case .search:
            var q = s.queue.query
            q.filter.search = text.trimmingCharacters(in: .whitespaces)
            return QueueScreen.open(&s, query: q, keepMarks: true)
        }
    }
}
