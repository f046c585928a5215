/// A proposed move of every open case of one handler to the others, balanced by load: what the
/// console shows for confirmation and what `CaseDesk.applyMoveAll` then writes, exactly.
public struct MoveAllPlan: Sendable, Equatable {
    /// One case and where it goes; `version` is the case as proposed, so a change since is a conflict.
    public struct Move: Sendable, Equatable {
        public var number: String
        public var to: String
        public var version: Int
        public var due: Instant?
        /// Creates a move.
        public init(number: String, to: String, version: Int, due: Instant?) {
            self.number = number; self.to = to; self.version = version; self.due = due
        }
    }

    /// A receiving handler: open cases before and after the move.
    public struct Share: Sendable, Equatable {
        public var user: DeskUser
        public var before: Int
        public var added: Int
        /// Open cases once the move is done.
        public var after: Int { before + added }
        /// Creates a share.
        public init(user: DeskUser, before: Int, added: Int) { self.user = user; self.before = before; self.added = added }
    }

    /// The absent handler.
    public var from: DeskUser
    public var moves: [Move]
    /// Every target offered, fewest open cases first (some may receive nothing).
    public var shares: [Share]

    /// Creates a plan.
    public init(from: DeskUser, moves: [Move], shares: [Share]) {
        self.from = from; self.moves = moves; self.shares = shares
    }

    /// The case numbers a target receives.
    public func numbers(to name: String) -> [String] { moves.filter { $0.to == name }.map(\.number) }
}
