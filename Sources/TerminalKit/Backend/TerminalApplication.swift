/// What a full-screen program offers a terminal backend's run loop: the loop reads keys and
/// resizes, polls the program for whatever else happened (clocks, background work), and draws
/// a frame whenever the program says something changed. The program never touches the terminal.
public protocol TerminalApplication: AnyObject {
    /// Starts at the terminal's size; the first frame is drawn right after.
    func start(width: Int, height: Int)
    /// A key, a resize or a paste.
    func handle(_ input: TerminalInput)
    /// Every key already sent has been handled and no more is waiting: what follows comes from a
    /// later read (a person reacting), not from the same burst (docs/console-input.md).
    func inputSettled()
    /// Called on every turn of the loop, after the keys waiting were handled.
    func poll()
    /// How long the loop may wait for a key before polling again, in milliseconds (short while
    /// background work is running, so its results show at once).
    var waitMilliseconds: Int { get }
    /// Whether something changed since the last frame.
    var needsFrame: Bool { get }
    /// The next frame.
    func frame() -> CellBuffer
    /// The exit status once the program is done, nil while it runs.
    var exitStatus: Int32? { get }
    /// Called once when the loop ends, whatever the reason (stop background threads).
    func finish()
    /// Whether the terminal's bell should ring now (asked after each frame; true once per ring).
    func takeBell() -> Bool
}

extension TerminalApplication {
    /// An application that never rings.
    public func takeBell() -> Bool { false }
}

extension TerminalApplication {
    /// Programs that do not care about input bursts ignore the signal.
    public func inputSettled() {}
}
