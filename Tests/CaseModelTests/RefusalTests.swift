import Foundation
import XCTest
@testable import CaseModel

/// Typed refusals (docs/refusals.md): every code renders in Chinese without English words, the
/// English stays what scripts have always read, and a request hears about every bad field at once.
final class RefusalTests: XCTestCase {
    static let now = instant("2026-02-16T10:00:00+08:00")

    /// One refusal of every code, with the parameter values it was given (names, numbers and codes
    /// a reader types, which may be Latin).
    static let samples: [(RefusalReason, [String])] = {
        let t = instant("2026-02-18T09:00:00+08:00")
        var s: [(RefusalReason, [String])] = [
            (.required, []), (.requiredFor(action: .close, flag: "basis"), []),
            (.unknownValue(value: "pigeon", expected: "phone, hotline, walk-in"), ["pigeon", "phone, hotline, walk-in"]),
            (.tooManyBytes(limit: 200_000), []), (.tooLong(limit: 1_000, count: 1_204), []), (.containsNUL(position: 7), []),
            (.outOfRange(minimum: 1, maximum: 100_000, value: 0), []), (.notACount(maximum: 1_000_000_000_000, value: -1), []),
            (.amountOutOfRange(maximum: 1_000_000_000_000, value: -5), []), (.instantOutOfRange, []),
            (.shiftEndsBeforeStart, []), (.shiftTooLong(hours: 48), []),
            (.badDate(text: "2026-13-01"), ["2026-13-01"]), (.badMonth(text: "2026-13"), ["2026-13"]),
            (.receivedInFuture(at: t, now: now), []), (.mobileDigits(phone: "1381234", count: 7), ["1381234"]),
            (.notAPhone(phone: "call me"), ["call me"]), (.phoneDigits(phone: "1234", count: 4), ["1234"]),
            (.idNumberShape, []), (.idNumberCheck(expected: "X"), []), (.controlInReference, []),
            (.regulatorRefWithoutRegulator, []), (.notWholeNumber(text: "abc"), ["abc"]), (.notNumber(text: "abc"), ["abc"]),
            (.notYesNo(text: "maybe"), ["maybe"]), (.unknownField(name: "colour"), ["colour"]), (.promisedNotInFuture, []),
            (.promisedBeyondLimit(limit: Allowance(60, .calendarDays), latest: t), []), (.repeatOfSelf, []), (.repeatAcrossTracks, []),
            (.alreadyLinked(number: "TS-20260217-0042", to: "TS-20260210-0007"), ["TS-20260217-0042", "TS-20260210-0007"]),
            (.crisisSeverityByHand, []), (.alreadyDetermined(number: "TS-20260217-0042", validity: .valid), ["TS-20260217-0042"]),
            (.illegalTransition(number: "TS-20260217-0042", action: "approve", status: "received", allowedFrom: ["pending-approval"]),
             ["TS-20260217-0042"]),
            (.illegalTransition(number: "TS-20260217-0042", action: "assign", status: "withdrawn", allowedFrom: ["received", "closed"]),
             ["TS-20260217-0042"]),
            (.caseNotFound(number: "TS-20260217-0042"), ["TS-20260217-0042"]),
            (.conflict(number: "TS-20260217-0042", expectedVersion: 3, actualVersion: 4, changedBy: "王敏", changedAt: t),
             ["TS-20260217-0042", "王敏"]),
            (.revealNeedsReason, []), (.unmaskedExportNeedsReason, []),
            (.notOnRoster(name: "chenjie", listHint: true), ["chenjie"]), (.notOnRoster(name: "chenjie", listHint: false), ["chenjie"]),
            (.notActiveOnRoster(name: "chenjie"), ["chenjie"]), (.handlerDisabled(name: "chenjie"), ["chenjie"]),
            (.reportHandlerOnlyOffice, []), (.alreadyOnRoster(name: "chenjie"), ["chenjie"]), (.nobodyOnDuty, []),
            (.reportCaseWithoutReceiver(number: "JB-20260217-A1B2C3"), ["JB-20260217-A1B2C3"]),
            (.noOpenCases(displayName: "李强", name: "liqiang"), ["李强", "liqiang"]),
            (.crisisFinalFirst(id: 3), []), (.noCrisisEvent(id: 3), []),
            (.reportCaseNoCrisis(number: "JB-20260217-A1B2C3"), ["JB-20260217-A1B2C3"]),
            (.notAnAlertID(id: "stage-breach"), ["stage-breach"]), (.noActiveAlert(id: "stage-breach:TS-1:first-contact:critical"),
                                                                      ["stage-breach:TS-1:first-contact:critical"]),
            (.nobodyMay(.seeReports), []), (.userDisabled(name: "former"), ["former"]), (.userNotOnRoster(name: "ghost"), ["ghost"]),
            (.rosterEmpty(name: "ghost"), ["ghost"]), (.cannot(.readCases, because: .userNotOnRoster(name: "ghost")), ["ghost"]),
            (.ownCase(number: "TS-20260217-0042", .approveExtension), ["TS-20260217-0042"]), (.demoNeedsNewDesk, []),
            (.firstUserAdministrator(name: "chenjie"), ["chenjie"]), (.lastAdministrator(name: "admin"), ["admin"]),
            (.auditedButReadOnly(.reveal), []), (.auditedButReadOnly(.export), []),
            (.retentionCutoff(years: 3, latest: "2023-02-16T10:00:00+08:00"), ["2023-02-16T10:00:00+08:00"]),
            (.auditChainBroken(eventID: 12), []),
            (.newerSchema(found: "v9-something-new", known: "v8-regulator-ref-drafts"), ["v9-something-new", "v8-regulator-ref-drafts"]),
            (.promiseNotInFuture, []), (.notOneUserOnRoster(name: "chenjie"), ["chenjie"]), (.windowEndsBeforeStart, []),
            (.rosterBoardTooLong(days: 93), []), (.noShift(id: 12), []),
            (.shiftOutsideWindow(from: now, to: t, windowFrom: now, windowTo: t), []),
            (.shiftOverlaps(name: "chenjie", from: now, to: t, otherID: 12, otherFrom: now, otherTo: t), ["chenjie"]),
            (.shiftOverlaps(name: "chenjie", from: now, to: t, otherID: nil, otherFrom: now, otherTo: t), ["chenjie"]),
            (.alertSelectionChanged(count: 3, expected: 2), []), (.notAnAlertLevel(text: "loud"), ["loud"]),
            (.notOneAlertLevel(text: "info / warning / critical"), ["info / warning / critical"]),
            (.declaredLevelOff(rule: .crisis), []), (.twoLevelsOnlyForCrisis, []), (.unknownAlertRule(name: "repeat-two"), ["repeat-two"]),
            (.alertSelectorShape(text: "stage-breach/a/b"), ["stage-breach/a/b"]),
            (.stageNotForRule(text: "crisis/approval"), ["crisis/approval"]), (.unknownStage(name: "approvals"), ["approvals"]),
            (.alertViewEmpty, []), (.notAScriptID(id: "Bad Id"), ["Bad Id"]), (.notALanguageCode(code: "chinese"), ["chinese"]),
            (.revealNeedsCase, []), (.sinceNotBeforeNow(now: now), []), (.handoverTooLong(days: 7), []), (.noEndingLeadShift, []),
            (.handingOverOwnShift, []), (.handoverAlreadyAcknowledged(by: "liuyang", at: t), ["liuyang"]),
            (.backendRefused(table: "users", login: "wangmin"), ["users", "wangmin"]),
        ]
        for p: RefusalReason.TimeProblem in [.notISO, .noSuchDate, .noSuchTime, .yearOutOfRange(2200), .badOffset("+15:00")] {
            s.append((.badTime(p, text: "yesterday"), ["yesterday", "+15:00"]))
        }
        for p: RefusalReason.PeriodProblem in [.notTwoDates, .endsBeforeStart, .longerThanTenYears, .noYear, .yearOutOfRange, .badQuarter, .notAPeriod] {
            s.append((.badPeriod(p, text: "last week"), ["last week"]))
        }
        for action in WorkflowAction.allCases { s.append((.scriptNotForAction(action), [])) }
        for step: RefusalReason.CrisisStep in [.declare, .dismiss, .report, .close, .archive] {
            for status in CrisisStatus.allCases { s.append((.crisisWrongStatus(id: 3, status: status, step: step), [])) }
        }
        for p in Permission.allCases {
            s.append((.onlyRoles(p, roles: [.teamLead], reportTrack: false), []))
            s.append((.onlyRoles(p, roles: Role.allCases, reportTrack: true), []))
            s.append((.notActiveUser(name: "ghost", p), ["ghost"]))
        }
        let path = "/srv/desk/desk.sqlite"
        for e: StoreError in [.cannotCreate(path: path, reason: "Permission denied"), .exists(path), .notADatabase(path), .busy(path),
                              .readOnly(path), .full(path), .other(path: path, message: "disk I/O error"), .noDesk(path), .emptyDesk(path),
                              .notAFile(path, "a directory"), .notAFile(path, "not a regular file"), .noAccess(path), .unavailable(path)] {
            s.append((.store(e), [path, "Permission denied", "disk I/O error"]))
        }
        return s
    }()

    /// English words left in a Chinese text once its parameters, its backquoted commands and
    /// single letters (X, Q1, T in a time) are taken out.
    static func englishWords(in text: String, parameters: [String]) -> [String] {
        var t = text
        for p in parameters.sorted(by: { $0.count > $1.count }) where !p.isEmpty { t = t.replacingOccurrences(of: p, with: " ") }
        t = t.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: "[A-Za-z]{2,}")
        return regex.matches(in: t, range: NSRange(t.startIndex..., in: t)).map { String(t[Range($0.range, in: t)!]) }
    }

    func testEveryCodeHasASample() {
        let covered = Set(Self.samples.map(\.0.code))
        let missing = RefusalCode.allCases.filter { $0 != .untyped && !covered.contains($0) }
        XCTAssertEqual(missing, [], "add a sample for each new refusal code")
    }

    func testEveryRefusalReadsInChineseWithoutEnglishWords() {
        for (reason, parameters) in Self.samples {
            let zh = reason.text(.zh)
            XCTAssertFalse(zh.isEmpty)
            XCTAssertNotEqual(zh, reason.text(.en), "\(reason.code) has no Chinese text")
            XCTAssertEqual(Self.englishWords(in: zh, parameters: parameters), [], "\(reason.code): \(zh)")
        }
    }

    func testEveryFieldIsLabelledInChinese() {
        let fields = ["received_at", "channel", "branch", "source", "name", "phone", "id_number", "policy_number", "claim_number",
                      "bank_account", "line", "product", "category", "kind", "summary", "details", "demand", "people", "potential_loss",
                      "handler", "regulator_ref", "note", "reason", "basis", "result", "satisfaction", "promised", "to", "resolution",
                      "severity", "validity", "responsible", "lead", "repeat_of", "event", "title", "text", "cause", "lessons", "--received-at",
                      "rule", "view", "alerts", "range", "window", "shift", "user", "script", "script language", "script version",
                      "reveal", "--since", "--hours", "handover", "stage-breach", "crisis-report-overdue"]
        for f in fields {
            let zh = Refusal(.required, field: f).text(.zh)
            XCTAssertEqual(Self.englishWords(in: zh, parameters: []), [], zh)
            XCTAssertTrue(zh.hasSuffix("：必填"), zh)
        }
        XCTAssertEqual(Refusal(.required, field: "received_at").text(.en), "received_at: required")
    }

    /// Scripts, logs and tests read the English: it is what the desk always printed.
    func testEnglishIsUnchanged() {
        XCTAssertEqual(Permissions.refusal(.approveExtension, Actor(name: "x", role: .handler)), "only a team lead can approve an extension")
        XCTAssertEqual(DomainError.notPermitted(Permissions.refusal(.declareCrisis, Actor(name: "x", role: .handler))),
                       .notPermitted("only a team lead or the crisis group can declare a crisis event"))
        XCTAssertEqual(DomainError.malformedField(field: "promised", reason: .promisedNotInFuture).description,
                       "promised: the promised completion time must be in the future")
        XCTAssertEqual(DomainError.missingField("summary").description, "summary: required")
        XCTAssertEqual(Permissions.refusal(.approveExtension, Actor(name: "x", role: .handler)).text(.zh), "只有组长才能批准延期")
    }

    /// Refusals of code merged after refusals were typed (alert levels and views, shifts, scripts,
    /// the handover) keep the English they were written with and read as the desk in Chinese.
    func testMergedRefusalsKeepTheirEnglishAndReadInChinese() {
        func refused(_ body: () throws -> Void) -> DomainError? {
            do { try body(); return nil } catch { return error as? DomainError }
        }
        let stage = refused { _ = try AlertSelector.parse("crisis/approval") }
        XCTAssertEqual(stage?.description, "rule: only stage-warning, stage-breach and no-reminder take a stage, got \"crisis/approval\"")
        XCTAssertEqual(stage?.text(.zh), "告警规则：只有 `stage-warning`、`stage-breach` 和 `no-reminder` 可以指定环节，填写的是“crisis/approval”")
        let level = refused { _ = try AlertLevelPolicy.parseSetting("loud", rule: .newMajor) }
        XCTAssertEqual(level?.refusal.code, .notAnAlertLevel)
        XCTAssertEqual(level?.description, "new-major: expected info, warning, critical or off, got \"loud\"")
        XCTAssertEqual(level?.text(.zh), "告警规则 `new-major`：“loud”不是告警级别（可填 `info`、`warning`、`critical` 或 `off`）")
        let a = Self.now, b = instant("2026-02-16T20:00:00+08:00")
        let overlap = ShiftRules.overlap(Shift(userName: "wangmin", startsAt: a, endsAt: b),
                                         PlannedShift(id: 4, userName: "wangmin", startsAt: a, endsAt: b))
        XCTAssertEqual(overlap.description, "shift: wangmin 02-16 10:00 – 02-16 20:00 overlaps their shift #4 02-16 10:00 – 02-16 20:00")
        XCTAssertEqual(overlap.text(.zh), "班次：wangmin 的班次 02-16 10:00 – 02-16 20:00 与其#4 号班次 02-16 10:00 – 02-16 20:00 时间重叠")
        let script = refused { try ScriptUse(id: "greeting", version: 1, language: "zh", edited: false).validate(for: .close) }
        XCTAssertEqual(script?.description, "script: a script is recorded only with a note or a contact, not with close")
        XCTAssertEqual(script?.text(.zh), "答复话术：答复话术只能随进展记录或联系客户一起登记，不能用于结案")
    }

    /// Every field a form can get wrong comes back in one answer, each with its field.
    func testIntakeReportsEveryInvalidFieldTogether() {
        var d = CaseDraft()
        d.summary = ""
        d.phone = "abc"
        d.idNumber = "110105194912310021"
        d.channel = "pigeon"
        d.receivedAt = "2026-02-18T09:00:00+08:00"
        d.people = 0
        XCTAssertThrowsError(try d.validated(now: Self.now, operator: "op")) { error in
            guard case DomainError.invalidFields(let all)? = error as? DomainError else { return XCTFail("\(error)") }
            XCTAssertEqual(all.map(\.field), ["received_at", "summary", "people", "phone", "id_number", "channel"])
            XCTAssertEqual(all.map(\.code), [.receivedInFuture, .required, .outOfRange, .notAPhone, .idNumberCheck, .unknownValue])
            let zh = (error as! DomainError).text(.zh)
            XCTAssertTrue(zh.contains("电话：“abc”不是电话号码"), zh)
            XCTAssertTrue(zh.contains("受理时间：不能是将来的时间：2026-02-18 09:00 晚于现在"), zh)
        }
    }

    func testActionReportsEveryMissingFieldTogether() {
        XCTAssertThrowsError(try ActionInput(note: String(repeating: "记", count: TextLimits.note + 1)).validate(for: .extend)) { error in
            let e = error as! DomainError
            XCTAssertEqual(e.refusals.map(\.field), ["reason", "promised", "note"])
            XCTAssertEqual(e.refusals.last?.code, .tooLong)
            XCTAssertEqual(e.refusals[0].text(.zh), "理由：延期时必须填写")
        }
    }

    /// Code throwing plain text (other branches, merged later) still compiles and still equals the
    /// typed refusal that reads the same; this repository's own sources throw none.
    func testNoRefusalIsThrownAsPlainText() throws {
        XCTAssertEqual(RefusalReason.text("nobody can back up the database"), .nobodyMay(.backup))
        var root = URL(fileURLWithPath: #filePath)
        while root.lastPathComponent != "Tests" { root.deleteLastPathComponent() }
        root.deleteLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 100)
        var found: [String] = []
        let patterns = [#"malformedField\(field: [^,]+, reason: ""#, #"notPermitted\(""#, #"missingField\("[^"]*[ (:]"#]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (i, line) in text.components(separatedBy: "\n").enumerated() {
                for p in patterns where line.range(of: p, options: .regularExpression) != nil && !line.contains("///") {
                    found.append("\(file.lastPathComponent):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(found, [], "throw a typed RefusalReason (docs/refusals.md)")
    }

    func testTextLimitsAreOneDefinition() {
        var d = CaseDraft()
        d.summary = String(repeating: "理", count: TextLimits.summary)
        XCTAssertNoThrow(try d.validated(now: Self.now, operator: "op"))
        d.summary += "赔"
        XCTAssertThrowsError(try d.validated(now: Self.now, operator: "op")) {
            XCTAssertEqual(($0 as? DomainError)?.refusal, Refusal(.tooLong(limit: 1_000, count: 1_001), field: "summary"))
            XCTAssertEqual(($0 as? DomainError)?.refusal.text(.zh), "摘要：最多 1,000 字，现有 1,001 字")
        }
        XCTAssertEqual(TextLimits.limit(for: "--details"), TextLimits.details)
    }
}
