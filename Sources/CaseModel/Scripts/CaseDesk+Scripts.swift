import GRDB

/// Standard reply scripts beside a case: which fit, best first, filled from the case as the
/// reader may see it (docs/scripts.md). The read model of the case screen's script picker and
/// the crisis board's crisis scripts; `console scripts show` prints the same.
extension CaseDesk {
    /// The scripts of `library` that fit case `number` at its current stage for `actor`, best
    /// first, each in the customer's language when the library has it (else Chinese), filled.
    /// Personal data fills masked unless `options.revealReason` is given: then the reveal is
    /// checked and recorded on the case before anything is filled, like `reveal`.
    public func scripts(for number: String, library: ScriptLibrary, options: ScriptFillOptions = ScriptFillOptions(),
                        actor: Actor) throws -> [FilledScript] {
        try withScriptSubject(case: number, options: options, actor: actor) { subject in
            let preferred = options.language ?? subject.c?.complainant.language
            return Self.ranked(library, subject, language: preferred)
        }
    }

    /// One script by id, filled for case `number` (nil: on its own, with the calendar and the
    /// reader only). Its `score` is nil when it does not fit the case. Unknown id: an error.
    public func script(_ id: String, for number: String?, library: ScriptLibrary, options: ScriptFillOptions = ScriptFillOptions(),
                       actor: Actor) throws -> FilledScript {
        guard !library.versions(of: id).isEmpty else {
            throw DomainError.invalidValue(field: "script", value: id, expected: library.ids.joined(separator: ", "))
        }
        return try withScriptSubject(case: number, options: options, actor: actor) { subject in
            let s = library.script(id, language: options.language ?? subject.c?.complainant.language)!
            let (text, gaps) = subject.fill(s)
            return FilledScript(script: s, text: text, gaps: gaps, score: ScriptFit.score(s, subject.facts), disclosure: subject.disclosure)
        }
    }

    /// The scripts that fit crisis event `id` (the crisis board): those whose conditions the
    /// event meets, filled with the event's branch and people, best first.
    public func crisisScripts(event id: Int64, library: ScriptLibrary, options: ScriptFillOptions = ScriptFillOptions(),
                              actor: Actor) throws -> [FilledScript] {
        let now = clock.now()
        return try store.read { db in
            let actor = try Permissions.require(.readCrisis, actor, db)
            let subject = try ScriptSubject.read(nil, crisis: id, actor: actor, desk: self, now: now, options: options,
                                                 disclosure: .masked, db)
            return Self.ranked(library, subject, language: options.language).filter { $0.script.conditions.contains(.crisis) }
        }
    }

    /// Scripts of the library that fit `subject`, one language version per id, best first.
    static func ranked(_ library: ScriptLibrary, _ subject: ScriptSubject, language: String?) -> [FilledScript] {
        let facts = subject.facts
        var out: [FilledScript] = []
        for id in library.ids {
            guard let s = library.script(id, language: language), let score = ScriptFit.score(s, facts) else { continue }
            let (text, gaps) = subject.fill(s)
            out.append(FilledScript(script: s, text: text, gaps: gaps, score: score, disclosure: subject.disclosure))
        }
        return out.sorted { a, b in
            if a.score != b.score { return (a.score ?? 0) > (b.score ?? 0) }
            if a.gaps.count != b.gaps.count { return a.gaps.count < b.gaps.count }
            return a.script.id < b.script.id
        }
    }

    /// Reads the subject of a fill in one transaction: a read, or a write when personal data is
    /// revealed for it (the reveal event is appended first, in the same transaction).
    private func withScriptSubject<T>(case number: String?, options: ScriptFillOptions, actor: Actor,
                                      _ body: (ScriptSubject) throws -> T) throws -> T {
        let now = clock.now()
        if let reason = options.revealReason?.trimmed {
            guard !reason.isEmpty else {
                throw DomainError.malformedField(field: "reason", reason: .revealNeedsReason)
            }
            guard let number else {
                throw DomainError.malformedField(field: "reveal", reason: .revealNeedsCase)
            }
            try FieldText.check(reason, field: "reason")
            try requireWritable(.reveal)
            return try store.write { db in
                let actor = try AccessControl.resolve(actor, db)
                let c = try visibleCase(number, actor, db)
                try Permissions.require(.reveal, actor, track: CaseTrack.of(c.kind))
                try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "reveal",
                                                 fromStatus: c.status, toStatus: c.status,
                                                 detail: ["reason": reason, "fields": "name, policy_number, claim_number", "for": "script"]), db)
                return try body(try ScriptSubject.read(c, actor: actor, desk: self, now: now, options: options, disclosure: .revealed, db))
            }
        }
        return try store.read { db in
            let actor = try Permissions.require(.readCases, actor, db)
            let c = try number.map { try visibleCase($0, actor, db) }
            return try body(try ScriptSubject.read(c, actor: actor, desk: self, now: now, options: options, disclosure: .masked, db))
        }
    }
}
