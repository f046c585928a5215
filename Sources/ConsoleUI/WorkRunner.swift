import CaseModel

/// Runs part 2's effects against the data source and turns results and refusals into events.
enum WorkRunner {
    static func run(_ effect: WorkEffect, _ data: DeskDataSource, _ s: ConsoleState) -> Event {
        let st = s.settings
        do {
            switch effect {
            case .loadIntakeDefaults:
                return .work(.intakeDefaults(try data.intakeDefaults(at: s.now)))
            case .suggest(let phone, let id, let policy):
                return .work(.suggestions(key: IntakeForm.suggestionKey(phone, id, policy),
                                          try data.repeatSuggestions(phone: phone, idNumber: id, policyNumber: policy)))
            case .intake(let draft, let repeatOf, let propose):
                let (c, event) = try data.intake(draft, repeatOf: repeatOf, proposeCrisis: propose)
                var text = st.t("已受理 \(c.number)", "Taken in as \(c.number)")
                if let r = repeatOf { text += st.t(",关联重复投诉 \(r)", ", linked as a repeat of \(r)") }
                if let event { text += st.t(",已提议危机事件 #\(event)(D 启动)", "; crisis event #\(event) proposed (D declares)") }
                return .work(.saved(number: c.number, message: text))
            case .act(let number, let action, let input, let version):
                let c = try data.act(number, action, input, expectedVersion: version)
                return .work(.saved(number: number, message: st.t("\(number) \(action.label(st.language)) 已保存 · \(c.status.label(st.language))",
                                                                  "\(number): \(action.label(st.language)) saved · \(c.status.label(st.language))")))
            case .severity(let number, let severity, let reason, let version):
                let c = try data.setSeverity(number, to: severity, reason: reason, expectedVersion: version)
                return .work(.saved(number: number, message: st.t("\(number) 严重度: \(c.severity.label(st.language))", "\(number) severity: \(c.severity.label(st.language))")))
            case .linkRepeat(let number, let earlier):
                let c = try data.linkRepeat(number, to: earlier)
                return .work(.saved(number: number, message: st.t("\(number) 已关联 \(earlier),第\(c.repeatCount)次投诉", "\(number) linked to \(earlier): complaint #\(c.repeatCount)")))
            case .validity(let number, let valid, let reason, let responsible, let lead):
                try data.determineValidity(number, valid: valid, reason: reason, responsible: responsible, lead: lead)
                return .work(.saved(number: number, message: st.t("\(number) 已认定\(valid ? "有效" : "无效")", "\(number) marked \(valid ? "valid" : "invalid")")))
            case .declareFromCase(let number, let eventID, let title):
                let id = try data.declareCrisis(fromCase: number, eventID: eventID, title: title)
                return .work(.saved(number: number, message: st.t("危机事件 #\(id) 已启动", "Crisis event #\(id) declared")))
            case .reveal(let number, let reason):
                return .work(.revealed(try data.reveal(number, reason: reason)))
            case .loadCrisisBoard:
                return .work(.crisisBoard(try data.crisisBoard()))
            case .crisisPropose(let title, let cases, let trigger):
                let id = try data.proposeCrisis(title: title, cases: cases, trigger: trigger)
                return .work(.crisisSaved(message: st.t("已提议危机事件 #\(id)", "Crisis event #\(id) proposed")))
            case .crisisDeclare(let id):
                try data.declareCrisis(id)
                return .work(.crisisSaved(message: st.t("危机事件 #\(id) 已启动", "Crisis event #\(id) declared")))
            case .crisisDismiss(let id, let reason):
                try data.dismissCrisis(id, reason: reason)
                return .work(.crisisSaved(message: st.t("危机事件 #\(id) 已排除", "Crisis event #\(id) dismissed")))
            case .crisisReport(let id, let kind, let to, let text):
                try data.fileCrisisReport(id, kind: kind, to: to, text: text)
                return .work(.crisisSaved(message: st.t("#\(id) \(kind.label(.zh)) 已记录", "#\(id): report \(kind.label(.en)) recorded")))
            case .crisisClose(let id, let cause, let lessons):
                try data.closeCrisis(id, cause: cause, lessons: lessons)
                return .work(.crisisSaved(message: st.t("危机事件 #\(id) 已结束(原因分析已记录)", "Crisis event #\(id) closed with its cause analysis")))
            case .crisisArchive(let id):
                try data.archiveCrisis(id)
                return .work(.crisisSaved(message: st.t("危机事件 #\(id) 已归档", "Crisis event #\(id) archived")))
            }
        } catch let conflict as CaseConflict {
            return .work(.conflict(conflict.info))
        } catch {
            ConsoleLog.shared.write("effect \(effect) refused: \(error)")
            // A desk refusal names its field and speaks the console's language (docs/refusals.md).
            let text = (error as? DomainError)?.refusals.map { $0.text(st.language) }.joined(separator: st.t("；", "; "))
                ?? (error as? StoreError)?.text(st.language) ?? String(describing: error)
            return .work(.refused(field: fieldOf(error), message: SafeText.sanitize(text)))
        }
    }

    /// The form field a desk error names (`basis`, `promised`).
    static func fieldOf(_ error: Error) -> String? {
        (error as? DomainError)?.refusal.field
    }
}
