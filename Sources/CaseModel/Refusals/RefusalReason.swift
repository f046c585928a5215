/// Why the desk refused something, as a code and its parameters: rendered in Chinese or English in
/// one place (`text(_:)`), never composed as a sentence where it is thrown (docs/refusals.md).
///
/// The English text is the one the desk has always printed, so logs, scripts and `--lang en` read
/// the same. Two reasons are equal when they say the same thing in English: a reason written as
/// plain text by older code (`.text`) still equals the typed reason that replaced it.
public indirect enum RefusalReason: Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// Text without a code, from code written before refusals were typed. Shown as it is in every
    /// language; `RefusalTests` fails while any remains in this repository's sources.
    case text(String)

    // MARK: values typed into a field

    /// A required field is empty.
    case required
    /// Required by a workflow action (`close` needs `--basis`).
    case requiredFor(action: WorkflowAction, flag: String)
    /// Not one of the field's codes.
    case unknownValue(value: String, expected: String)
    /// More than the storage limit of UTF-8 bytes.
    case tooManyBytes(limit: Int)
    /// More characters than the field's limit (`TextLimits`).
    case tooLong(limit: Int, count: Int)
    /// A NUL character, at this character position (from 1).
    case containsNUL(position: Int)
    /// A number outside its range.
    case outOfRange(minimum: Int64, maximum: Int64, value: Int64)
    /// Not a count in `DeskBounds.count`.
    case notACount(maximum: Int64, value: Int64)
    /// An amount of yuan outside `DeskBounds.yuan` (or not a finite number).
    case amountOutOfRange(maximum: Int64, value: Double)
    /// An instant outside 2000–2100.
    case instantOutOfRange
    /// A duty shift that ends before it starts.
    case shiftEndsBeforeStart
    /// A duty shift longer than the limit.
    case shiftTooLong(hours: Int64)
    /// Text that is not a desk time.
    case badTime(TimeProblem, text: String)
    /// Text that is not a date `YYYY-MM-DD`.
    case badDate(text: String)
    /// Text that is not a month `YYYY-MM`.
    case badMonth(text: String)
    /// A received time after now.
    case receivedInFuture(at: Instant, now: Instant)
    /// A mainland mobile number with the wrong number of digits.
    case mobileDigits(phone: String, count: Int)
    /// Characters a phone number cannot have.
    case notAPhone(phone: String)
    /// Too few or too many digits for any phone number.
    case phoneDigits(phone: String, count: Int)
    /// An ID number of the wrong shape.
    case idNumberShape
    /// An ID number whose check character is wrong.
    case idNumberCheck(expected: String)
    /// Control characters in a source reference.
    case controlInReference
    /// A regulator's transfer number on a case no regulator forwarded.
    case regulatorRefWithoutRegulator
    /// Text that is not a whole number.
    case notWholeNumber(text: String)
    /// Text that is not a number.
    case notNumber(text: String)
    /// Text that is not yes or no.
    case notYesNo(text: String)
    /// A report period that cannot be read.
    case badPeriod(PeriodProblem, text: String)
    /// A name that is no field of the form.
    case unknownField(name: String)

    // MARK: rules of the workflow

    /// An extension's promised time that is not in the future.
    case promisedNotInFuture
    /// A time promised to the complainant with a note or a contact that is not in the future.
    case promiseNotInFuture
    /// An extension's promised time beyond the decision's extension limit.
    case promisedBeyondLimit(limit: Allowance, latest: Instant)
    /// A case linked as a repeat of itself.
    case repeatOfSelf
    /// A repeat link between a report case and another track.
    case repeatAcrossTracks
    /// A case already linked as a repeat.
    case alreadyLinked(number: String, to: String)
    /// Severity crisis set by hand.
    case crisisSeverityByHand
    /// A validity determination made twice.
    case alreadyDetermined(number: String, validity: Validity)
    /// An action the case's status does not allow.
    case illegalTransition(number: String, action: String, status: String, allowedFrom: [String])
    /// No case with this number (or one the reader may not see: the same answer).
    case caseNotFound(number: String)
    /// Another console saved the case first.
    case conflict(number: String, expectedVersion: Int, actualVersion: Int, changedBy: String, changedAt: Instant)
    /// Reveal without a reason.
    case revealNeedsReason
    /// Unmasked export without a reason.
    case unmaskedExportNeedsReason

    // MARK: people and the roster

    /// A name that is not on the roster.
    case notOnRoster(name: String, listHint: Bool)
    /// A name on no user of the roster, or on more than one (a shift plan names people by login or display name).
    case notOneUserOnRoster(name: String)
    /// A name on the roster but disabled, as a receiver of cases.
    case notActiveOnRoster(name: String)
    /// A person disabled on the roster (a handler, the person on a shift).
    case handlerDisabled(name: String)
    /// A report case given to someone outside the president's office.
    case reportHandlerOnlyOffice
    /// A name already on the roster.
    case alreadyOnRoster(name: String)
    /// A holiday window that ends before it starts.
    case windowEndsBeforeStart
    /// A roster board over more days than it shows.
    case rosterBoardTooLong(days: Int)
    /// No shift with this id.
    case noShift(id: Int64)
    /// A shift outside the holiday window.
    case shiftOutsideWindow(from: Instant, to: Instant, windowFrom: Instant, windowTo: Instant)
    /// A shift overlapping another of the same person's (`otherID` nil: another line of the imported file).
    case shiftOverlaps(name: String, from: Instant, to: Instant, otherID: Int64?, otherFrom: Instant, otherTo: Instant)
    /// Nobody on duty can receive the moved cases.
    case nobodyOnDuty
    /// A report case in a move with nobody on duty who may take it.
    case reportCaseWithoutReceiver(number: String)
    /// A move of someone's open cases when they have none.
    case noOpenCases(displayName: String, name: String)

    // MARK: crisis events and alerts

    /// A crisis action the event's status does not allow.
    case crisisWrongStatus(id: Int64, status: CrisisStatus, step: CrisisStep)
    /// Closing before the final result was filed.
    case crisisFinalFirst(id: Int64)
    /// No crisis event with this id.
    case noCrisisEvent(id: Int64)
    /// A report case offered to a crisis event.
    case reportCaseNoCrisis(number: String)
    /// Text that is not an alert id.
    case notAnAlertID(id: String)
    /// No active alert with this id.
    case noActiveAlert(id: String)
    /// Acknowledging by filter when the selection no longer holds the alerts the reader saw.
    case alertSelectionChanged(count: Int, expected: Int)

    // MARK: alert levels and views in the policy file

    /// Not an alert level (nor `off`).
    case notAnAlertLevel(text: String)
    /// More levels than a rule takes.
    case notOneAlertLevel(text: String)
    /// A crisis rule whose level for a declared event is `off`.
    case declaredLevelOff(rule: AlertRule)
    /// Two levels for a rule that is not one of the crisis rules.
    case twoLevelsOnlyForCrisis
    /// No alert rule of this name.
    case unknownAlertRule(name: String)
    /// A selector that is neither `rule` nor `rule/stage`.
    case alertSelectorShape(text: String)
    /// A stage given to a rule that is not about a stage's clock.
    case stageNotForRule(text: String)
    /// No stage of this name.
    case unknownStage(name: String)
    /// An alert view that names no rule.
    case alertViewEmpty

    // MARK: reply scripts

    /// A script used with an action other than a note or a contact.
    case scriptNotForAction(WorkflowAction)
    /// Text that is not a script id.
    case notAScriptID(id: String)
    /// Text that is not a language code.
    case notALanguageCode(code: String)
    /// Personal data revealed for a script's fill without naming a case.
    case revealNeedsCase

    // MARK: the handover

    /// A handover starting now or later.
    case sinceNotBeforeNow(now: Instant)
    /// A handover over more days than it covers.
    case handoverTooLong(days: Int)
    /// No team lead's shift ending or just ended to hand over.
    case noEndingLeadShift
    /// The outgoing lead acknowledging their own handover.
    case handingOverOwnShift
    /// A handover already acknowledged.
    case handoverAlreadyAcknowledged(by: String, at: Instant)

    // MARK: permissions

    /// Only these roles may do it (on a report case when `reportTrack`).
    case onlyRoles(Permission, roles: [Role], reportTrack: Bool)
    /// Nobody may do it (on this track).
    case nobodyMay(Permission)
    /// The actor is not an active user on the roster.
    case notActiveUser(name: String, Permission)
    /// A user disabled on the roster.
    case userDisabled(name: String)
    /// A login that is not on the roster.
    case userNotOnRoster(name: String)
    /// An empty roster.
    case rosterEmpty(name: String)
    /// `cannot PHRASE: REASON`.
    case cannot(Permission, because: RefusalReason)
    /// An approval on the approver's own case.
    case ownCase(number: String, Permission)
    /// The backend holding the desk (a server desk) would not let this login change rows of
    /// `table`, though the command's own rules allowed it (docs/server-desk.md).
    case backendRefused(table: String, login: String)
    /// Demo data into a desk that holds cases.
    case demoNeedsNewDesk
    /// A first user who is not an administrator.
    case firstUserAdministrator(name: String)
    /// Removing the last active administrator.
    case lastAdministrator(name: String)
    /// An audited reading on a desk the user cannot write.
    case auditedButReadOnly(AuditedReading)
    /// A purge cut-off inside the retention period.
    case retentionCutoff(years: Int, latest: String)
    /// The audit chain has an event without a valid hash.
    case auditChainBroken(eventID: Int64)

    // MARK: the desk file

    /// A database written by a newer console.
    case newerSchema(found: String, known: String)
    /// A storage failure (`StoreError`).
    case store(StoreError)

    /// Why a text is not a desk time.
    public enum TimeProblem: Sendable, Hashable {
        case notISO, noSuchDate, noSuchTime
        case yearOutOfRange(Int)
        case badOffset(String)
    }

    /// Why a text is not a report period.
    public enum PeriodProblem: Sendable, Hashable {
        case notTwoDates, endsBeforeStart, longerThanTenYears, noYear, yearOutOfRange, badQuarter, notAPeriod
    }

    /// A step of a crisis event's life, for a refusal naming the status it needs.
    public enum CrisisStep: String, Sendable, Hashable {
        case declare, dismiss, report, close, archive
    }

    /// A reading that is audited, so it cannot happen on a read-only desk.
    public enum AuditedReading: String, Sendable, Hashable {
        case reveal, export, handover
    }

    /// Text without a code (what older code wrote): shown as it is.
    public init(stringLiteral value: String) { self = .text(value) }

    /// Text without a code, interpolated.
    public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }

    /// The English text.
    public var description: String { text(.en) }
}

extension RefusalReason: Hashable {
    /// Equal when the English texts are equal (see the type's comment).
    public static func == (a: RefusalReason, b: RefusalReason) -> Bool { a.text(.en) == b.text(.en) }

    /// Hashes the English text, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(text(.en)) }
}
