import CaseModel
import TerminalKit

/// Everything that can happen to the console: keys, the clock, the terminal, the desk changing
/// underneath, and the outcomes of effects.
public enum Event: Sendable {
    case key(Key)
    /// Text the terminal marked as pasted: text for the focused field, never keys.
    case paste(String)
    /// Every key already typed has been handled: the next one is a new burst (a confirmation
    /// ignores the keys that arrived in the burst that opened it; docs/console-input.md).
    case inputSettled
    /// The one-second tick with the current instant.
    case tick(Instant)
    case resize(width: Int, height: Int)
    /// Another write happened (this or another process).
    case databaseChanged
    /// The background alert evaluation failed (the message), or works again (nil): shown in the
    /// status line for as long as it lasts, while everything else keeps running.
    case alertEvaluation(String?)
    /// An effect finished: its outcome, which applies itself to the state.
    case completed(Completion)
    /// A long effect started in the background.
    case started(Activity)
    /// A long effect got this far (items done).
    case progress(done: Int)
    /// Time passes while a long effect runs (twentieths of a second since it started: the line
    /// turns a spinner that often, so the screen is redrawn at least every 50 ms even when no
    /// progress can be counted, e.g. during the final commit; docs/architecture.md).
    case working(elapsedTwentieths: Int)
    /// Something failed outside any one effect; the message is shown, nothing else changes.
    case failed(String)
}

/// An effect's outcome, ready to apply: its request and what the desk answered (or why it did not).
public struct Completion: Sendable {
    /// The request that finished.
    public let effect: Effect
    let apply: @Sendable (inout ConsoleState) -> [Effect]
    /// Applying it changes nothing (`DeskRequest.changesNothing`): no frame to draw.
    var changesNothing = false

    /// The outcome of `request`: its output applied as the request says.
    public static func output<R: DeskRequest>(_ request: R, _ output: R.Output) -> Completion {
        Completion(effect: Effect(request), apply: { s in request.apply(output, to: &s) }, changesNothing: request.changesNothing(output))
    }

    /// A refusal or failure of `request`, applied as the request says (by default: the message
    /// in the status line).
    public static func failure<R: DeskRequest>(_ request: R, _ error: any Error) -> Completion {
        Completion(effect: Effect(request), apply: { s in
            request.fail(error, message: RefusalMessage.text(error, s.settings), to: &s)
        })
    }
}

extension Event {
    /// The outcome of a request, as if it had run (tests and the fake desk).
    public static func completed<R: DeskRequest>(_ request: R, _ output: R.Output) -> Event {
        .completed(.output(request, output))
    }
}
