/// A proposed move of every open case of one handler to the others, urgent cases spread first and
/// the rest balanced by load (`LoadBalancer`): what the
/// console shows for confirmation and what `CaseDesk.applyMoveAll` then writes, exactly.
public struct MoveAllPlan: Sendable, Equatable {
    /// One case and where it goes; `version` is the case as proposed, so a change since is a conflict.
    public struct Move: Sendable, Equatable {
        public var number: String
        public var to: String
        public var version: Int
        public var due: Instant?
        /// Overdue or due soon (dealt round-robin before the rest).
        public var urgent: Bool
        /// Creates a move.
        public init(number: String, to: String, version: Int, due: Instant?, urgent: Bool = false) {
            self.number = number; self.to = to; self.version = version; self.due = due; self.urgent = urgent
        }
    }

    /// A receiving handler: open cases before and after the move.
    public struct Share: Sendable, Equatable {
        public var user: DeskUser
        public var before: Int
        public var added: Int
        /// Of the cases added, how many are urgent (overdue or due soon).
        public var urgent: Int
        /// Open cases once the move is done.
        public var after: Int { before + added }
        /// Creates a share.
        public init(user: DeskUser, before: Int, added: Int, urgent: Int = 0) {
            self.user = user; self.before = before; self.added = added; self.urgent = urgent
        }
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

    /// How many of the moved cases are urgent.
    public var urgentCount: Int { moves.filter(\.urgent).count }

    /// The case numbers a target receives.
    public func numbers(to name: String) -> [String] { moves.filter { $0.to == name }.map(\.number) }
}
