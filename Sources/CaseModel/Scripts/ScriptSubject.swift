import GRDB

/// What a script is filled from: the case as the reader may see it, the people, the clocks, the
/// crisis event, the calendar and now. Built inside the reading transaction; filling is pure.
struct ScriptSubject {
    var c: ComplaintCase?
    var handlerName: String?
    var agentName: String
    var role: Role?
    var clocks: [StageClock]
    var promised: Instant?
    var crisis: CrisisEvent?
    var now: Instant
    var business: WorkCalendar?
    var disclosure: Disclosure
    var title: CustomerTitle

    /// Reads everything a fill needs for `c` (nil: no case) as `actor` sees it.
    static func read(_ c: ComplaintCase?, crisis eventId: Int64? = nil, actor: Actor, desk: CaseDesk, now: Instant,
                     options: ScriptFillOptions, disclosure: Disclosure, _ db: Database) throws -> ScriptSubject {
        let visibility = CaseVisibility.of(actor.role)
        var crisis: CrisisEvent?
        var caseEvent: Int64?
        if let caseId = c?.id { caseEvent = try CrisisRecords.eventOf(caseId: caseId, db) }
        if let id = eventId ?? caseEvent {
            if eventId != nil {
                crisis = try CrisisRecords.event(id, visibility: visibility, db)
            } else if let e = try? CrisisRecords.event(id, visibility: visibility, db), e.status.isActive {
                crisis = e
            }
        }
        var promised: Instant?
        if let c, let caseId = c.id {
            // The latest promise recorded on the case (an extension, or a note or contact that
            // promised a callback), while it is still to be kept.
            let latest = try String.fetchOne(db, sql: """
                SELECT json_extract(detail, '$.promised') FROM events
                WHERE case_id = ? AND json_extract(detail, '$.promised') IS NOT NULL ORDER BY id DESC LIMIT 1
                """, arguments: [caseId]).flatMap { DeskTime.standard.parse($0) }
            promised = [latest, c.promisedAt].compactMap { $0 }.filter { $0 > now }.first
        }
        let handler = try c?.handler.flatMap { try Roster.user($0, db)?.displayName }
        let agent = try Roster.user(actor.name, db)?.displayName ?? actor.name
        return ScriptSubject(c: c, handlerName: handler, agentName: agent, role: actor.role,
                             clocks: c.map { desk.policy.clocks(of: $0) } ?? [], promised: options.promisedAt ?? promised,
                             crisis: crisis, now: now, business: desk.policy.calendars["business"], disclosure: disclosure,
                             title: options.title)
    }

    /// The facts a script is matched against.
    var facts: ScriptFacts {
        var conditions: Set<ScriptCondition> = []
        if crisis != nil || c?.severity == .crisis { conditions.insert(.crisis) }
        if let c {
            if c.repeatCount >= 2 { conditions.insert(.repeat) }
            if c.mediaInvolved { conditions.insert(.media) }
            if c.regulatorInvolved || c.source.isRegulator || c.channel == .regulator { conditions.insert(.regulator) }
        }
        if crisis?.mediaInvolved == true { conditions.insert(.media) }
        if crisis?.regulatorInvolved == true { conditions.insert(.regulator) }
        if let business, !business.dayInfo(business.civilDate(of: now)).isWorkingDay { conditions.insert(.holiday) }
        if promised != nil { conditions.insert(.promised) }
        if clocks.contains(where: { $0.due <= now }) { conditions.insert(.overdue) }
        return ScriptFacts(category: c?.category, kind: c?.kind, status: c?.status, channel: c?.channel, role: role,
                           conditions: conditions)
    }

    /// The wording filled in the script's language, and the placeholders without a value.
    func fill(_ s: ReplyScript) -> (text: String, gaps: [ScriptPlaceholder]) {
        var out = ""
        var gaps: [ScriptPlaceholder] = []
        for segment in s.text.segments {
            switch segment {
            case let .literal(t): out += t
            case let .placeholder(p):
                if let v = value(p, s.language) { out += v } else {
                    out += p.gap(s.language)
                    if !gaps.contains(p) { gaps.append(p) }
                }
            }
        }
        return (out, gaps)
    }

    /// One placeholder's value in a language, or nil when there is none.
    func value(_ p: ScriptPlaceholder, _ language: String) -> String? {
        let lang = Language(rawValue: String(language.prefix(2))) ?? .zh
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        func due(_ stage: Stage?) -> String? {
            let upcoming = clocks.filter { $0.due > now && (stage == nil || $0.stage == stage) }.min { $0.due < $1.due }
            return upcoming.map { ScriptDates.time($0.due, language) }
        }
        switch p {
        case .customerSalutation:
            guard let c else { return nil }
            return CustomerName.salutation(surname: CustomerName.surname(c.complainant.name, disclosure), title: title, language: language)
        case .customerSurname: return c.flatMap { CustomerName.surname($0.complainant.name, disclosure) }
        case .customerPolicy: return nonEmpty(c?.complainant.policyNumber).map(disclosure.identifier)
        case .customerClaim: return nonEmpty(c?.complainant.claimNumber).map(disclosure.identifier)
        case .caseNumber: return c?.number
        case .caseReceived: return c.map { ScriptDates.time($0.receivedAt, language) }
        case .caseCategory: return c?.category.label(lang)
        case .caseLine: return c?.line.label(lang)
        case .caseBranch: return nonEmpty(c?.branch)
        case .caseStatus: return c?.status.label(lang)
        case .handlerName:
            guard c != nil else { return nil }
            return handlerName ?? (lang == .en ? "the duty team" : "值班人员")
        case .agentName: return agentName
        case .dueNext: return due(nil)
        case .dueFirstContact: return due(.firstContact)
        case .dueDecision: return due(.decision)
        case .promisedTime: return promised.map { ScriptDates.time($0, language) }
        case .firstWorkingDay:
            guard let business else { return nil }
            let start = business.addWorkingSeconds(1, from: now).due
            return ScriptDates.day(business.civilDate(of: start), language)
        case .holidayName:
            guard let business else { return nil }
            let day = business.dayInfo(business.civilDate(of: now))
            switch day.kind {
            case .holiday: return lang == .en ? "the public holiday" : (day.label.isEmpty ? "节假日" : day.label)
            case .weekend: return lang == .en ? "the weekend" : "周末"
            default: return nil
            }
        case .today: return ScriptDates.day(DeskTime.standard.civil(now).date, language)
        case .crisisBranch: return nonEmpty(crisis?.branch)
        case .crisisPeople: return crisis.map { String($0.people) }
        }
    }
}
