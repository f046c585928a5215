import CaseModel
import TerminalKit

/// A read or a command against the desk that `update` asks for: a value (so `update` stays pure
/// and tests compare effects), performed by `ConsoleProgram` (in the terminal, on a worker
/// thread), whose outcome comes back as an event and is applied by the request itself.
///
/// Each screen declares its requests in its own folder; a request names the slice of the desk it
/// needs (`QueueSource`, `AssignSource`, …) and `DeskContext.source` hands it over.
public protocol DeskRequest: Sendable, Equatable, CustomStringConvertible {
    /// What the desk answers.
    associatedtype Output: Sendable
    /// Runs against the desk. Any thread; reads nothing of the console's state but `desk`'s.
    func perform(_ desk: DeskContext) throws -> Output
    /// Applies the answer to the state (pure, like `update`); more effects may follow.
    func apply(_ output: Output, to s: inout ConsoleState) -> [Effect]
    /// Applies a refusal or failure (`message` is the error as safe text); by default the
    /// message goes to the status line.
    func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect]
    /// For a request that can take seconds on a big desk: what the status line says while it
    /// runs (then the screen keeps drawing and shows its progress). Nil for quick ones.
    func activity(_ st: ConsoleSettings) -> Activity?
    /// Whether applying this answer leaves the state as it was (a background check that found
    /// nothing): then it draws no frame. False unless the request says so.
    func changesNothing(_ output: Output) -> Bool
}

extension DeskRequest {
    public func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] {
        ConsoleUpdate.say(&s, message, error: true)
        return []
    }

    public func activity(_ st: ConsoleSettings) -> Activity? { nil }

    public func changesNothing(_ output: Output) -> Bool { false }

    public var description: String { String(describing: Self.self) }
}

/// A request as `update` returns it: any screen's request, compared by its value.
public struct Effect: Sendable, Equatable, CustomStringConvertible {
    /// The request.
    public let request: any DeskRequest

    /// Wraps a request.
    public init(_ request: some DeskRequest) { self.request = request }

    public static func == (a: Effect, b: Effect) -> Bool {
        func same<R: DeskRequest>(_ r: R) -> Bool { (b.request as? R) == r }
        return same(a.request)
    }
    public var description: String { request.description }

    /// Whether this effect is a request of type `R` (tests, and replacing a pending load).
    public func `is`<R: DeskRequest>(_ type: R.Type) -> Bool { request is R }

    /// The status line's text while it runs, for a long request.
    func activity(_ st: ConsoleSettings) -> Activity? { request.activity(st) }

    /// Runs the request against the desk; its outcome as an event.
    func run(_ desk: DeskContext) -> Event {
        func open<R: DeskRequest>(_ r: R) -> Event {
            do { return .completed(.output(r, try r.perform(desk))) } catch {
                ConsoleLog.shared.write("effect \(r) failed: \(error)")
                return .completed(.failure(r, error))
            }
        }
        return open(request)
    }
}

/// What a request runs against: the desk, and what the console knew when it asked.
public struct DeskContext: Sendable {
    /// The desk (a `CaseModelDataSource`, or a stand-in in tests).
    public let desk: any DeskDataSource
    /// The console's clock when the request was made.
    public let now: Instant
    public let settings: ConsoleSettings
    /// Reports items done, for a long request (the worker turns it into progress events).
    public let progress: @Sendable (Int) -> Void

    /// A context.
    public init(desk: any DeskDataSource, now: Instant, settings: ConsoleSettings, progress: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.desk = desk; self.now = now; self.settings = settings; self.progress = progress
    }

    /// The slice of the desk a request needs; a stand-in without it refuses, as a desk would.
    public func source<S>(_ type: S.Type) throws -> S {
        guard let s = desk as? S else { throw NotAvailable("not available here / 此处不可用 (\(S.self))") }
        return s
    }
}
