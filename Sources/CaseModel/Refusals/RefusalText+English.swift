extension RefusalReason {
    /// The reason in a language: the one place a refusal becomes a sentence.
    public func text(_ language: Language) -> String {
        language == .zh ? chinese : english
    }

    /// The English text: exactly what the desk printed before refusals were typed.
    var english: String {
        func show<N: BinaryInteger>(_ n: N) -> String { DeskBounds.show(n) }
        let time = DeskTime.standard.format
        switch self {
        case .text(let s): return s
        case .required: return "required"
        case let .requiredFor(action, flag): return "required for \(action.rawValue) (--\(flag))"
        case let .unknownValue(value, expected): return "unknown value \"\(value)\" (expected one of: \(expected))"
        case .tooManyBytes(let limit): return "longer than \(show(limit)) bytes"
        case let .tooLong(limit, count): return "longer than \(show(limit)) characters (\(show(count)) given)"
        case .containsNUL(let p): return "contains a NUL character (U+0000) at character \(p); remove it"
        case let .outOfRange(min, max, value): return "must be at least \(show(min)) and at most \(show(max)), got \(value)"
        case let .notACount(max, value): return "must be a whole number between 0 and \(show(max)), got \(value)"
        case let .amountOutOfRange(max, value): return "must be an amount between 0 and \(show(max)) yuan, got \(value)"
        case .instantOutOfRange: return "must lie between \(DeskBounds.firstDate) and \(DeskBounds.lastDate)"
        case .shiftEndsBeforeStart: return "must end after it starts"
        case .shiftTooLong(let hours): return "lasts longer than \(hours) hours; record long duty as several shifts"
        case let .badTime(problem, text): return "\(problem.english): \"\(text)\" (example: 2026-02-16T21:30:00+08:00)"
        case .badDate(let text):
            return "expected a date YYYY-MM-DD between \(DeskBounds.firstDate) and \(DeskBounds.lastDate), got \"\(text)\""
        case .badMonth(let text):
            return "expected a month YYYY-MM between \(DeskBounds.years.lowerBound)-01 and \(DeskBounds.years.upperBound)-12, got \"\(text)\""
        case let .receivedInFuture(at, now): return "cannot be in the future: \(time(at)) is after now (\(time(now)))"
        case let .mobileDigits(phone, n): return "\"\(phone)\" has \(n) digits; a mobile number has 11"
        case .notAPhone(let phone): return "\"\(phone)\" is not a phone number"
        case let .phoneDigits(phone, n): return "\"\(phone)\" has \(n) digits (expected 5 to 20)"
        case .idNumberShape: return "must be 18 characters (17 digits and a check digit or X)"
        case .idNumberCheck(let c): return "check digit is wrong (expected \(c))"
        case .controlInReference: return "control characters are not allowed in a source reference"
        case .regulatorRefWithoutRegulator:
            return "a transfer number is kept only on a case a regulator forwarded (source regulator-local or regulator-national, or channel regulator)"
        case .notWholeNumber(let v): return "not a whole number: \"\(v)\""
        case .notNumber(let v): return "not a number: \"\(v)\""
        case .notYesNo(let v): return "not yes/no: \"\(v)\""
        case let .badPeriod(problem, text):
            return "\(problem.english): \"\(text)\" (expected 2026-Q1, 2026-02, 2026-02-10 or 2026-02-10..2026-02-20)"
        case .unknownField(let name): return "\"\(name)\" is not a field of this form"
        case .promisedNotInFuture: return "the promised completion time must be in the future"
        case let .promisedBeyondLimit(limit, latest): return "beyond the \(limit) limit for a decision (latest \(time(latest)))"
        case .repeatOfSelf: return "a case cannot repeat itself"
        case .repeatAcrossTracks: return "a report case (举报件) can be linked only to another report case"
        case let .alreadyLinked(number, to): return "\(number) is already linked to \(to)"
        case .crisisSeverityByHand: return "crisis comes from declaring a crisis event (`console crisis declare`)"
        case let .alreadyDetermined(number, validity): return "\(number) is already marked \(validity.rawValue)"
        case let .illegalTransition(number, action, status, allowed):
            return "\(number): cannot \(action) a case that is \(status) (allowed from: \(allowed.joined(separator: ", ")))"
        case .caseNotFound(let number): return "no case \(number)"
        case let .conflict(number, expected, actual, by, at):
            return "\(number) was changed by \(by) at \(DeskTime.standard.short(at)) (version \(actual), you had \(expected)) — reload and try again; nothing was saved"
        case .revealNeedsReason: return "say why the personal data is needed (--reason \"...\")"
        case .unmaskedExportNeedsReason: return "an unmasked export needs --reason \"...\""
        case let .notOnRoster(name, hint): return "\"\(name)\" is not on the roster" + (hint ? " (see `console users list`)" : "")
        case .notActiveOnRoster(let name): return "\"\(name)\" is not an active user on the roster"
        case .handlerDisabled(let name): return "\"\(name)\" is disabled on the roster"
        case .reportHandlerOnlyOffice: return "a report case (举报件) can be handled only by the president's office"
        case .alreadyOnRoster(let name): return "\"\(name)\" is already on the roster"
        case .nobodyOnDuty: return "nobody on duty can take the cases"
        case .reportCaseWithoutReceiver(let number): return "\(number) is a report case (举报件) and nobody on duty may take it"
        case let .noOpenCases(display, name): return "\(display) (\(name)) has no open cases"
        case let .crisisWrongStatus(id, status, step): return "event \(id) is \(status.rawValue); \(step.english)"
        case .crisisFinalFirst(let id): return "file the final result with HQ first (`console crisis report \(id) --kind final`)"
        case .noCrisisEvent(let id): return "no crisis event \(id)"
        case .reportCaseNoCrisis(let number):
            return "\(number) is a report case (举报件): it stays on the president's office's track and never joins a crisis event"
        case .notAnAlertID(let id): return "\"\(id)\" is not an alert id (rule:subject:level)"
        case .noActiveAlert(let id): return "no active alert \(id)"
        case let .onlyRoles(p, roles, report):
            let names = roles.map(\.withArticle)
            let list = names.count <= 1 ? (names.first ?? "") : names.dropLast().joined(separator: ", ") + " or " + names.last!
            return "only \(list) can \(p.phrase)\(report ? " on a report case (举报件)" : "")"
        case .nobodyMay(let p): return "nobody can \(p.phrase)"
        case let .notActiveUser(name, p):
            return "\(name) is not an active user on this desk's roster: cannot \(p.phrase) (an administrator adds users with `console users add`)"
        case .userDisabled(let name): return "\(name) is disabled on the roster: nothing on this desk is open to them"
        case .userNotOnRoster(let name):
            return "\(name) is not on the roster: nothing on this desk is open to them (an administrator adds users with `console users add`)"
        case .rosterEmpty(let name):
            return "the roster is empty: nobody can use this desk until an administrator is added (`console init --admin \(name)` or `console users add \(name) --role administrator`)"
        case let .cannot(p, because): return "cannot \(p.phrase): \(because.english)"
        case let .backendRefused(table, login): return "the server desk does not let \(login) change its \(table) table; nothing was saved (the server's administrator can check this login's rights)"
        case let .ownCase(number, p): return "\(number) is assigned to you: another team lead must \(p.phrase)"
        case .demoNeedsNewDesk: return "demo data goes only into a new database: this one already holds cases; use a new --db file"
        case .firstUserAdministrator(let name):
            return "the roster is empty: the first user must be an administrator (`console users add \(name) --role administrator`, or `console init --admin NAME`)"
        case .lastAdministrator(let name): return "\(name) is the last active administrator: add another administrator first"
        case .auditedButReadOnly(let what):
            switch what {
            case .reveal: return "revealing personal data is audited, and this database is read-only for you: nothing was shown"
            case .export: return "exports are audited, and this database is read-only for you: nothing was shown"
            case .handover: return "a handover acknowledgement is audited, and this database is read-only for you: nothing was acknowledged"
            }
        case let .retentionCutoff(years, latest):
            return "closed cases are kept \(years) year(s) (policy retention-years): --before must be on or before \(latest)"
        case .auditChainBroken(let id):
            return "event \(id) has no valid hash: the audit chain is broken (run `console audit verify`); nothing was saved"
        case let .newerSchema(found, known):
            return "this database was written by a newer version of the console (schema \(found), this program knows up to \(known)); upgrade the console — the file was not changed"
        case .promiseNotInFuture: return "a time promised to the complainant must be in the future"
        case .notOneUserOnRoster(let name): return "\"\(name)\" is not on the roster (or names more than one user)"
        case .windowEndsBeforeStart: return "must end after it starts"
        case .rosterBoardTooLong(let days): return "a roster board covers at most \(days) days"
        case .noShift(let id): return "no shift #\(id) (see `console users shift list`)"
        case let .shiftOutsideWindow(from, to, windowFrom, windowTo):
            let t = DeskTime.standard
            return "\(t.short(from)) – \(t.short(to)) lies outside the holiday window \(t.short(windowFrom)) – \(t.short(windowTo))"
        case let .shiftOverlaps(name, from, to, otherID, otherFrom, otherTo):
            let t = DeskTime.standard
            let which = otherID.map { "shift #\($0)" } ?? "another shift in the file"
            return "\(name) \(t.short(from)) – \(t.short(to)) overlaps their \(which) \(t.short(otherFrom)) – \(t.short(otherTo))"
        case let .alertSelectionChanged(count, expected):
            return "the selection now holds \(count) unacknowledged alert(s), not \(expected): look again (nothing was acknowledged)"
        case .notAnAlertLevel(let text): return "expected info, warning, critical or off, got \"\(text)\""
        case .notOneAlertLevel(let text): return "expected a level, got \"\(text)\""
        case .declaredLevelOff(let rule):
            return "a declared event's level cannot be off; turn the rule off with `\(rule.rawValue) = off`"
        case .twoLevelsOnlyForCrisis: return "only crisis and crisis-report-overdue take two levels (proposed / declared)"
        case .unknownAlertRule(let name):
            return "unknown alert rule \"\(name)\" (known: \(AlertRule.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .alertSelectorShape(let text): return "expected rule or rule/stage, got \"\(text)\""
        case .stageNotForRule(let text): return "only stage-warning, stage-breach and no-reminder take a stage, got \"\(text)\""
        case .unknownStage(let name):
            return "unknown stage \"\(name)\" (known: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .alertViewEmpty: return "expected `all` or a list of rules"
        case .scriptNotForAction(let action):
            return "a script is recorded only with a note or a contact, not with \(action.rawValue)"
        case .notAScriptID(let id): return "\"\(id)\" is not a script id (lower-case letters, digits and -, at most 64)"
        case .notALanguageCode(let code): return "\"\(code)\" is not a language code"
        case .revealNeedsCase: return "personal data is revealed for a case: name the case"
        case .sinceNotBeforeNow(let now): return "must be before now (\(DeskTime.standard.short(now)))"
        case .handoverTooLong(let days): return "a handover covers at most \(days) days"
        case .noEndingLeadShift: return "no team lead's shift on the roster is ending or just ended: give --since TIME"
        case .handingOverOwnShift: return "you are handing this shift over: the incoming team lead acknowledges it"
        case let .handoverAlreadyAcknowledged(by, at): return "already acknowledged by \(by) at \(DeskTime.standard.short(at))"
        case .store(let e): return e.description
        }
    }
}

extension RefusalReason.TimeProblem {
    var english: String {
        switch self {
        case .notISO: "not an ISO 8601 time"
        case .noSuchDate: "no such date"
        case .noSuchTime: "no such time of day"
        case .yearOutOfRange(let y): "year \(y) is outside \(DeskBounds.years.lowerBound)–\(DeskBounds.years.upperBound)"
        case .badOffset(let o): "\(o) is not a UTC offset (they run from -12:00 to +14:00)"
        }
    }
}

extension RefusalReason.PeriodProblem {
    var english: String {
        switch self {
        case .notTwoDates: "not two dates from \(DeskBounds.firstDate) to \(DeskBounds.lastDate)"
        case .endsBeforeStart: "the range ends before it starts"
        case .longerThanTenYears: "a range of at most 10 years"
        case .noYear: "no year"
        case .yearOutOfRange: "the year must be \(DeskBounds.years.lowerBound) to \(DeskBounds.years.upperBound)"
        case .badQuarter: "a quarter is Q1 to Q4"
        case .notAPeriod: "not a period"
        }
    }
}

extension RefusalReason.CrisisStep {
    var english: String {
        switch self {
        case .declare: "only a proposed event can be declared"
        case .dismiss: "only a proposed event can be dismissed"
        case .report: "reports are filed for proposed or declared events"
        case .close: "only a declared event can be closed"
        case .archive: "it can be archived once closed with its cause analysis and lessons"
        }
    }
}
