/// The stable code of a refusal, for scripts (`console … --json` errors, logs) and for the tests
/// that render every refusal in both languages (docs/refusals.md).
public enum RefusalCode: String, Sendable, CaseIterable, Codable {
    case untyped, required, requiredFor = "required-for", unknownValue = "unknown-value", tooManyBytes = "too-many-bytes",
         tooLong = "too-long", containsNUL = "contains-nul", outOfRange = "out-of-range", notACount = "not-a-count",
         amountOutOfRange = "amount-out-of-range", instantOutOfRange = "instant-out-of-range",
         shiftEndsBeforeStart = "shift-ends-before-start", shiftTooLong = "shift-too-long", badTime = "bad-time",
         badDate = "bad-date", badMonth = "bad-month", receivedInFuture = "received-in-future", mobileDigits = "mobile-digits",
         notAPhone = "not-a-phone", phoneDigits = "phone-digits", idNumberShape = "id-number-shape",
         idNumberCheck = "id-number-check", controlInReference = "control-in-reference",
         regulatorRefWithoutRegulator = "regulator-ref-without-regulator", notWholeNumber = "not-whole-number",
         notNumber = "not-number", notYesNo = "not-yes-no", badPeriod = "bad-period", unknownField = "unknown-field",
         promisedNotInFuture = "promised-not-in-future", promisedBeyondLimit = "promised-beyond-limit",
         repeatOfSelf = "repeat-of-self", repeatAcrossTracks = "repeat-across-tracks", alreadyLinked = "already-linked",
         crisisSeverityByHand = "crisis-severity-by-hand", alreadyDetermined = "already-determined",
         illegalTransition = "illegal-transition", caseNotFound = "case-not-found", conflict,
         revealNeedsReason = "reveal-needs-reason", unmaskedExportNeedsReason = "unmasked-export-needs-reason",
         notOnRoster = "not-on-roster", notActiveOnRoster = "not-active-on-roster", handlerDisabled = "handler-disabled",
         reportHandlerOnlyOffice = "report-handler-only-office", alreadyOnRoster = "already-on-roster",
         nobodyOnDuty = "nobody-on-duty", reportCaseWithoutReceiver = "report-case-without-receiver",
         noOpenCases = "no-open-cases", crisisWrongStatus = "crisis-wrong-status", crisisFinalFirst = "crisis-final-first",
         noCrisisEvent = "no-crisis-event", reportCaseNoCrisis = "report-case-no-crisis", notAnAlertID = "not-an-alert-id",
         noActiveAlert = "no-active-alert", onlyRoles = "only-roles", nobodyMay = "nobody-may",
         notActiveUser = "not-active-user", userDisabled = "user-disabled", userNotOnRoster = "user-not-on-roster",
         rosterEmpty = "roster-empty", cannot, ownCase = "own-case", backendRefused = "backend-refused", demoNeedsNewDesk = "demo-needs-new-desk",
         firstUserAdministrator = "first-user-administrator", lastAdministrator = "last-administrator",
         auditedButReadOnly = "audited-but-read-only", retentionCutoff = "retention-cutoff",
         auditChainBroken = "audit-chain-broken", newerSchema = "newer-schema", store,
         promiseNotInFuture = "promise-not-in-future", notOneUserOnRoster = "not-one-user-on-roster", windowEndsBeforeStart = "window-ends-before-start",
         rosterBoardTooLong = "roster-board-too-long", noShift = "no-shift", shiftOutsideWindow = "shift-outside-window",
         shiftOverlaps = "shift-overlaps", alertSelectionChanged = "alert-selection-changed", notAnAlertLevel = "not-an-alert-level",
         notOneAlertLevel = "not-one-alert-level", declaredLevelOff = "declared-level-off", twoLevelsOnlyForCrisis = "two-levels-only-for-crisis",
         unknownAlertRule = "unknown-alert-rule", alertSelectorShape = "alert-selector-shape", stageNotForRule = "stage-not-for-rule",
         unknownStage = "unknown-stage", alertViewEmpty = "alert-view-empty", scriptNotForAction = "script-not-for-action",
         notAScriptID = "not-a-script-id", notALanguageCode = "not-a-language-code", revealNeedsCase = "reveal-needs-case",
         sinceNotBeforeNow = "since-not-before-now", handoverTooLong = "handover-too-long", noEndingLeadShift = "no-ending-lead-shift",
         handingOverOwnShift = "handing-over-own-shift", handoverAlreadyAcknowledged = "handover-already-acknowledged"
}

extension RefusalReason {
    /// The reason's code.
    public var code: RefusalCode {
        switch self {
        case .text: .untyped
        case .required: .required
        case .requiredFor: .requiredFor
        case .unknownValue: .unknownValue
        case .tooManyBytes: .tooManyBytes
        case .tooLong: .tooLong
        case .containsNUL: .containsNUL
        case .outOfRange: .outOfRange
        case .notACount: .notACount
        case .amountOutOfRange: .amountOutOfRange
        case .instantOutOfRange: .instantOutOfRange
        case .shiftEndsBeforeStart: .shiftEndsBeforeStart
        case .shiftTooLong: .shiftTooLong
        case .badTime: .badTime
        case .badDate: .badDate
        case .badMonth: .badMonth
        case .receivedInFuture: .receivedInFuture
        case .mobileDigits: .mobileDigits
        case .notAPhone: .notAPhone
        case .phoneDigits: .phoneDigits
        case .idNumberShape: .idNumberShape
        case .idNumberCheck: .idNumberCheck
        case .controlInReference: .controlInReference
        case .regulatorRefWithoutRegulator: .regulatorRefWithoutRegulator
        case .notWholeNumber: .notWholeNumber
        case .notNumber: .notNumber
        case .notYesNo: .notYesNo
        case .badPeriod: .badPeriod
        case .unknownField: .unknownField
        case .promisedNotInFuture: .promisedNotInFuture
        case .promisedBeyondLimit: .promisedBeyondLimit
        case .repeatOfSelf: .repeatOfSelf
        case .repeatAcrossTracks: .repeatAcrossTracks
        case .alreadyLinked: .alreadyLinked
        case .crisisSeverityByHand: .crisisSeverityByHand
        case .alreadyDetermined: .alreadyDetermined
        case .illegalTransition: .illegalTransition
        case .caseNotFound: .caseNotFound
        case .conflict: .conflict
        case .revealNeedsReason: .revealNeedsReason
        case .unmaskedExportNeedsReason: .unmaskedExportNeedsReason
        case .notOnRoster: .notOnRoster
        case .notActiveOnRoster: .notActiveOnRoster
        case .handlerDisabled: .handlerDisabled
        case .reportHandlerOnlyOffice: .reportHandlerOnlyOffice
        case .alreadyOnRoster: .alreadyOnRoster
        case .nobodyOnDuty: .nobodyOnDuty
        case .reportCaseWithoutReceiver: .reportCaseWithoutReceiver
        case .noOpenCases: .noOpenCases
        case .crisisWrongStatus: .crisisWrongStatus
        case .crisisFinalFirst: .crisisFinalFirst
        case .noCrisisEvent: .noCrisisEvent
        case .reportCaseNoCrisis: .reportCaseNoCrisis
        case .notAnAlertID: .notAnAlertID
        case .noActiveAlert: .noActiveAlert
        case .onlyRoles: .onlyRoles
        case .nobodyMay: .nobodyMay
        case .notActiveUser: .notActiveUser
        case .userDisabled: .userDisabled
        case .userNotOnRoster: .userNotOnRoster
        case .rosterEmpty: .rosterEmpty
        case .cannot: .cannot
        case .ownCase: .ownCase
        case .backendRefused: .backendRefused
        case .demoNeedsNewDesk: .demoNeedsNewDesk
        case .firstUserAdministrator: .firstUserAdministrator
        case .lastAdministrator: .lastAdministrator
        case .auditedButReadOnly: .auditedButReadOnly
        case .retentionCutoff: .retentionCutoff
        case .auditChainBroken: .auditChainBroken
        case .newerSchema: .newerSchema
        case .store: .store
        case .promiseNotInFuture: .promiseNotInFuture
        case .notOneUserOnRoster: .notOneUserOnRoster
        case .windowEndsBeforeStart: .windowEndsBeforeStart
        case .rosterBoardTooLong: .rosterBoardTooLong
        case .noShift: .noShift
        case .shiftOutsideWindow: .shiftOutsideWindow
        case .shiftOverlaps: .shiftOverlaps
        case .alertSelectionChanged: .alertSelectionChanged
        case .notAnAlertLevel: .notAnAlertLevel
        case .notOneAlertLevel: .notOneAlertLevel
        case .declaredLevelOff: .declaredLevelOff
        case .twoLevelsOnlyForCrisis: .twoLevelsOnlyForCrisis
        case .unknownAlertRule: .unknownAlertRule
        case .alertSelectorShape: .alertSelectorShape
        case .stageNotForRule: .stageNotForRule
        case .unknownStage: .unknownStage
        case .alertViewEmpty: .alertViewEmpty
        case .scriptNotForAction: .scriptNotForAction
        case .notAScriptID: .notAScriptID
        case .notALanguageCode: .notALanguageCode
        case .revealNeedsCase: .revealNeedsCase
        case .sinceNotBeforeNow: .sinceNotBeforeNow
        case .handoverTooLong: .handoverTooLong
        case .noEndingLeadShift: .noEndingLeadShift
        case .handingOverOwnShift: .handingOverOwnShift
        case .handoverAlreadyAcknowledged: .handoverAlreadyAcknowledged
        }
    }
}
