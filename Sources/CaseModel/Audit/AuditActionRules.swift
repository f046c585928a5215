/// Which permission each recorded action needed, for the replay's check that every event's actor
/// held, at that moment, a role that permits it (docs/audit-trail.md). This is what catches a
/// role raised with sqlite3 for one action and put back afterwards.
enum AuditActionRules {
    /// What an action needed.
    enum Rule: Equatable {
        /// Written by the console itself (the migration that keyed the chain).
        case system
        /// Not checked: no permission governs it (the rules' own crisis proposals, the demo's
        /// closing summary).
        case unchecked
        /// A permission on the track of the event's case (general, or report 举报件).
        case permission(Permission)
        /// A permission on either track (a purge may cover both).
        case eitherTrack(Permission)
        /// Setting up a new desk's roster: only while it holds no case.
        case rosterSeed
        /// Adding a user: an administrator, or the first administrator of an empty roster.
        case userAdd
    }

    /// The rule for `action`; `detail` is read only where the permission depends on it.
    static func rule(_ action: String, detail: () -> [String: String]) -> Rule {
        if let w = WorkflowAction(rawValue: action) {
            return .permission(Permission.of(w, basis: detail()["basis"].flatMap(ClosingBasis.init(rawValue:))))
        }
        switch action {
        case "audit-keyed", "audit-baseline": return .system
        case "roster-seed": return .rosterSeed
        case "user-add": return .userAdd
        case "intake": return detail()["import"] != nil ? .permission(.importCases) : .permission(.intake)
        case "history": return .permission(.intake)
        // A desk-level import event may cover either track (each row is checked on its own);
        // an import's update of one case is checked on that case's track.
        case "import": return .eitherTrack(.importCases)
        case "import-update": return .permission(.importCases)
        case "link-repeat", "repeat-complaint": return .permission(.linkRepeat)
        case "assign", "unassign": return .permission(.assign)
        case "raise-severity": return .permission(.raiseSeverity)
        case "lower-severity": return .permission(.lowerSeverity)
        case "mark-valid", "mark-invalid": return .permission(.markValidity)
        case "crisis", "crisis-declare": return .permission(.declareCrisis)
        case "crisis-dismiss", "crisis-close", "crisis-archive": return .permission(.dismissCrisis)
        case "crisis-report": return .permission(.fileCrisisReport)
        case "ack-alert": return .permission(.acknowledgeAlert)
        case "reveal": return .permission(.reveal)
        case "export": return .permission(.export)
        case "purge": return .eitherTrack(.purge)
        case "recompute": return .eitherTrack(.recompute)
        case "backup": return .permission(.backup)
        case "figures": return .permission(.recordFigures)
        case "setting": return .permission(.changeSettings)
        case "user-role", "user-enable", "user-disable": return .permission(.manageUsers)
        case "shift-add", "shift-move", "shift-remove", "roster-window", "user-phone": return .permission(.manageShifts)
        case "handover-ack": return .permission(.acknowledgeHandover)
        default: return .unchecked
        }
    }

    /// The track an action is checked on: crisis declarations and desk-wide actions are checked
    /// on the general table, as the desk checks them.
    static func usesCaseTrack(_ action: String) -> Bool {
        !["crisis", "crisis-declare", "import", "export", "ack-alert"].contains(action)
    }
}
