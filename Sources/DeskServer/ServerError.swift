import Foundation
import PostgresNIO

/// Why a server desk could not do what was asked, in words an operator can act on.
public enum ServerError: Error, CustomStringConvertible, Equatable {
    /// The `postgres://` address is malformed.
    case badAddress(String)
    /// No host of the address answered (or none accepted writes).
    case unreachable(String)
    /// The server refused the login.
    case loginRefused(user: String, reason: String)
    /// The server refused a statement (its message, never the statement's values).
    case refused(String)
    /// The server's desk schema is newer than this program's, or is not a desk.
    case schema(String)
    /// The target of a copy already holds a desk.
    case notEmpty(String)
    /// A row cannot be copied (names the table, row and column).
    case badRow(String)
    /// The copy arrived different from its source.
    case verifyFailed(String)

    /// The message for the user (the server's words where it gave some).
    public var description: String {
        switch self {
        case .badAddress(let why): "the server address is not usable: \(why)"
        case .unreachable(let why): "cannot reach the server: \(why)"
        case .loginRefused(let user, let reason): "the server refused the login of \(user): \(reason)"
        case .refused(let why): "the server refused: \(why)"
        case .schema(let why): why
        case .notEmpty(let why): why
        case .badRow(let why): why
        case .verifyFailed(let why): why
        }
    }

    /// A postgres-nio error as the server's own message (PSQLError hides it from `description`).
    static func from(_ error: any Error, user: String) -> ServerError {
        if let e = error as? ServerError { return e }
        if let e = error as? PSQLError {
            let message = e.serverInfo?[.message]
            let code = e.serverInfo?[.sqlState]
            if code == "28P01" || code == "28000" {
                return .loginRefused(user: user, reason: message ?? "authentication failed")
            }
            if let message { return .refused(message) }
            if let underlying = e.underlying { return .unreachable("\(underlying)") }
            return .refused("\(e.code)")
        }
        return .unreachable("\(error)")
    }
}
