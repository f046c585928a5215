/// Who is acting: the user name recorded on every event, and their role when known.
public struct Actor: Sendable, Equatable {
    public var name: String
    public var role: Role?

    /// Creates an actor.
    public init(name: String, role: Role? = nil) {
        self.name = name
        self.role = role
    }
}
