import GRDB

/// What a change to the roster leaves: the shift as saved (nil for a removal) and the gaps in
/// team-lead cover that remain around it (docs/roster.md).
public struct ShiftChange: Sendable, Equatable {
    public var shift: PlannedShift?
    /// Gaps in the holiday window when one is set, else on the days the change touched.
    public var gaps: [RosterGap]
}

/// Planning the duty roster: shifts added, moved and removed by team leads (and
/// administrators), checked by `ShiftRules` and audited; the holiday window; staff phones.
extension CaseDesk {
    /// Records a duty shift. Refused when the person is not an active user, the shift overlaps
    /// another of theirs or lies outside the holiday window; returns the gaps that remain.
    @discardableResult
    public func addShift(_ shift: Shift, actor: Actor) throws -> ShiftChange {
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            try ShiftRules.check(shift, db)
            let id = try RosterTable.insertShift(shift, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "shift-add",
                                             detail: Self.shiftDetail(shift, id: id)), db)
            let saved = PlannedShift(id: id, userName: shift.userName, startsAt: shift.startsAt, endsAt: shift.endsAt)
            return ShiftChange(shift: saved, gaps: try gapsAround([saved], db))
        }
    }

    /// Moves shift `id` to new times and, when `person` is given (a login, or a display name only
    /// one user has), to another person; checked as a new shift.
    @discardableResult
    public func moveShift(_ id: Int64, from: Instant, to: Instant, person: String? = nil, actor: Actor) throws -> ShiftChange {
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            guard let old = try Roster.shift(id, db) else { throw Self.noShift(id) }
            // People are named as the desk knows them: a login, or a display name only one user has.
            let owner = try person.map { try Roster.resolve($0, db)?.name ?? $0 } ?? old.userName
            let moved = Shift(userName: owner, startsAt: from, endsAt: to)
            try ShiftRules.check(moved, replacing: id, db)
            try RosterTable.moveShift(id, to: moved, db)
            let t = DeskTime.standard
            var detail = Self.shiftDetail(moved, id: id)
            detail["was"] = "\(old.userName) \(t.format(old.startsAt)) – \(t.format(old.endsAt))"
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "shift-move", detail: detail), db)
            let saved = PlannedShift(id: id, userName: moved.userName, startsAt: from, endsAt: to)
            return ShiftChange(shift: saved, gaps: try gapsAround([old, saved], db))
        }
    }

    /// Removes shift `id`; returns the gaps its removal leaves.
    @discardableResult
    public func removeShift(_ id: Int64, actor: Actor) throws -> ShiftChange {
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            guard let old = try Roster.shift(id, db) else { throw Self.noShift(id) }
            try RosterTable.removeShift(id, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "shift-remove",
                                             detail: Self.shiftDetail(Shift(userName: old.userName, startsAt: old.startsAt, endsAt: old.endsAt), id: id)), db)
            return ShiftChange(shift: nil, gaps: try gapsAround([old], db))
        }
    }

    /// Sets (or with nil clears) the holiday window shifts must lie inside. Shifts already
    /// recorded outside it are kept (and listed by `rosterBoard`); new ones are checked.
    public func setRosterWindow(_ window: RosterWindow?, actor: Actor) throws {
        if let window {
            try DeskBounds.checkInstant(window.from, field: "from")
            try DeskBounds.checkInstant(window.to, field: "to")
            guard window.from < window.to else { throw DomainError.malformedField(field: "window", reason: .windowEndsBeforeStart) }
        }
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            let old = try Roster.window(db)
            if let window {
                try SettingsTable.set(RosterWindow.settingKey, window.stored, db)
            } else {
                try SettingsTable.remove(RosterWindow.settingKey, db)
            }
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "roster-window",
                                             detail: ["window": "\(old?.stored ?? "none") → \(window?.stored ?? "none")"]), db)
        }
    }

    /// Sets a user's work phone (team leads and administrators, who plan the roster); empty clears it.
    public func setPhone(_ name: String, _ phone: String, actor: Actor) throws {
        try FieldText.check(phone, field: "phone")
        let canonical = phone.trimmed.isEmpty ? "" : Identifiers.phone(phone)
        if !phone.trimmed.isEmpty && canonical.filter(\.isNumber).count < 3 {
            throw DomainError.malformedField(field: "phone", reason: .notAPhone(phone: phone))
        }
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.manageShifts, actor, db)
            guard let before = try Roster.user(name, db) else {
                throw DomainError.malformedField(field: "name", reason: .notOnRoster(name: name, listHint: false))
            }
            try RosterTable.setPhone(name, canonical, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "user-phone",
                                             detail: ["user": name, "staff_phone": "\(before.phone) → \(canonical)"]), db)
        }
    }

    /// The gaps in team-lead cover around changed shifts: the whole window when one is set,
    /// else the calendar days the shifts touch.
    func gapsAround(_ shifts: [PlannedShift], _ db: Database) throws -> [RosterGap] {
        let span: (Instant, Instant)
        if let w = try Roster.window(db) {
            span = (w.from, w.to)
        } else {
            let t = DeskTime.standard
            guard let first = shifts.map(\.startsAt).min(), let last = shifts.map(\.endsAt).max() else { return [] }
            span = (t.instant(CivilDateTime(date: t.civil(first).date, hour: 0, minute: 0)),
                    t.instant(CivilDateTime(date: t.civil(last.adding(seconds: -1)).date.adding(days: 1), hour: 0, minute: 0)))
        }
        return try ShiftRules.leadGaps(from: span.0, to: span.1, policy: policy, db)
    }

    static func shiftDetail(_ s: Shift, id: Int64) -> [String: String] {
        let t = DeskTime.standard
        return ["shift": String(id), "user": s.userName, "from": t.format(s.startsAt), "to": t.format(s.endsAt)]
    }

    static func noShift(_ id: Int64) -> DomainError {
        .malformedField(field: "shift", reason: .noShift(id: id))
    }
}
