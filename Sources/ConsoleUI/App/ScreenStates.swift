/// A screen's own state: a value with a fresh starting point.
public protocol ScreenState: Sendable {
    /// The state before the screen was ever shown.
    init()
}

/// Each screen's own state, kept by its type, so a screen adds its state from its own folder:
///
///     extension ConsoleState {
///         public var queue: QueueScreen.State {
///             get { screens[QueueScreen.State.self] }
///             _modify { yield &screens[QueueScreen.State.self] }
///         }
///     }
///
/// Changes happen in place (`_modify`), so a screen holding thousands of rows is not copied on
/// every key.
public struct ScreenStates: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// No screen state yet: every screen starts from its `init()`.
    public init() {}

    /// The state of type `S` (its starting value when never set).
    public subscript<S: ScreenState>(_ type: S.Type) -> S {
        get { values[ObjectIdentifier(type)] as? S ?? S() }
        _modify {
            let key = ObjectIdentifier(type)
            var value = values.removeValue(forKey: key) as? S ?? S()
            defer { values[key] = value }
            yield &value
        }
    }
}
