/// Raising and lowering severity by hand (docs/severity.md, "Raising and lowering"): anyone on
/// the desk may raise; lowering needs a team lead and a reason. Both are events in the timeline.
extension CaseDesk {
    /// Sets a case's severity by hand. Returns the saved case.
    @discardableResult
    public func setSeverity(_ number: String, to target: Severity, reason: String, actor: Actor,
                            expectedVersion: Int? = nil) throws -> ComplaintCase {
        guard target != .crisis else {
            throw DomainError.malformedField(field: "severity", reason: .crisisSeverityByHand)
        }
        try TextLimits.check(reason, field: "reason")
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            var c = try visibleCase(number, actor, db)
            let version = expectedVersion ?? c.version
            if version != c.version {
                throw DomainError.conflict(caseNumber: number, expectedVersion: version, actualVersion: c.version,
                                           changedBy: c.updatedBy, changedAt: c.updatedAt)
            }
            let before = c
            if target > c.severity {
                try Permissions.require(.raiseSeverity, actor, track: CaseTrack.of(c.kind))
                c.severityOverride = target
                c.severityCap = nil
            } else if target < c.severity {
                try Permissions.require(.lowerSeverity, actor, track: CaseTrack.of(c.kind))
                try Permissions.requireNotOwn(.lowerSeverity, actor, handler: c.handler, caseNumber: c.number)
                guard !reason.trimmed.isEmpty else { throw DomainError.missingField("reason") }
                c.severityCap = target
                if let raised = c.severityOverride, raised > target { c.severityOverride = nil }
            } else {
                return c
            }
            refresh(&c, now: now)
            c.updatedAt = now; c.updatedBy = actor.name
            try CaseTable.update(&c, expectedVersion: version, db)
            var detail = CaseDiff.changes(before, c)
            if !reason.isEmpty { detail["reason"] = reason }
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name,
                                             action: target > before.severity ? "raise-severity" : "lower-severity",
                                             fromStatus: c.status, toStatus: c.status, detail: detail), db)
            return c
        }
    }
}
