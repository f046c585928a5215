import GRDB

/// What a desk says about acting as another user with `--user`: whether an administrator allowed
/// switching, and the real login's standing on the roster (docs/trust-model.md, "Who is acting").
public struct UserSwitchCheck: Sendable, Equatable {
    /// Whether `console users allow-switch on` is in force.
    public let switchAllowed: Bool
    /// What the roster says about the OS login that is really acting.
    public let realStanding: AccessControl.Standing

    /// Whether the real login is an active administrator (who alone may switch or fix the clock
    /// on a shared desk).
    public var realIsAdministrator: Bool { realStanding == .active(.administrator) }
}

extension CaseStore {
    /// Reads the switch setting and `realLogin`'s standing in one transaction, before any actor is
    /// known: the check that decides which actor the process may act as.
    public func userSwitchCheck(realLogin: String) throws -> UserSwitchCheck {
        try read { db in
            UserSwitchCheck(switchAllowed: try DeskSettings.isOn(DeskSettings.allowUserSwitch, db),
                            realStanding: try AccessControl.standing(of: realLogin, db))
        }
    }
}
