import CaseModel
import TerminalKit

/// The slice of the desk that says what to announce to the console's user: new critical alerts
/// and crisis report clocks passing 75%, each once (CaseModel's `AlertAnnouncer`).
public protocol AnnouncementSource {
    /// The announcements due now, recorded as made.
    func announcements(at now: Instant) throws -> [AlertAnnouncement]
}

extension CaseModelDataSource: AnnouncementSource {
    public func announcements(at now: Instant) throws -> [AlertAnnouncement] { try announcer.due(at: now) }
}

/// How a new critical alert reaches the user: the header in reverse video for about a second
/// (`flash`, the default) or the terminal's bell (`bell`), once for each batch of announcements,
/// with what it is about in the status line (docs/alerts.md, "Announcements").
enum HeaderFlash {
    /// How often the console asks whether something is due (ticks are seconds).
    static let everySeconds = 2
    /// How long the header stays reversed.
    static let flashSeconds: Int64 = 1

    /// On a tick: ask now and then.
    static func tick(_ s: inout ConsoleState) -> [Effect] {
        // Let the first screen load first: the first announcement waits for the second tick.
        guard s.ticks % everySeconds == 0 else { return [] }
        return [Effect(CheckAnnouncements())]
    }

    /// Whether the header shows reversed now.
    static func isFlashing(_ s: ConsoleState) -> Bool { s.flashUntil.map { s.now < $0 } ?? false }

    /// Shows a batch: one flash or one bell, and the first of it in the status line.
    static func announce(_ s: inout ConsoleState, _ batch: [AlertAnnouncement]) {
        guard let first = batch.first else { return }
        let st = s.settings
        switch first.how {
        case .bell: s.bells += 1
        case .flash: s.flashUntil = s.now.adding(seconds: flashSeconds)
        case .off: return
        }
        var text: String
        switch first.kind {
        case .critical(let a):
            text = st.t("新紧急告警: ", "New critical alert: ") + SafeText.sanitize(Masking.maskText(st.language == .zh ? a.messageZh : a.messageEn))
        case .crisisClock(let event, let title, let report, let due):
            let left = ClockText.duration(due.seconds.subtractingClamped(s.now.seconds), st)
            text = st.t("危机 #\(event) \(SafeText.sanitize(Masking.maskText(title))) \(report.label(.zh))剩 \(left)",
                        "Crisis #\(event) \(SafeText.sanitize(Masking.maskText(title))): \(report.label(.en)) due in \(left)")
        }
        if batch.count > 1 { text += st.t("(另有 \(batch.count - 1) 条)", " (and \(batch.count - 1) more)") }
        ConsoleUpdate.say(&s, text, error: true)
        s.deskChanged()
    }
}

/// Asks the desk what to announce now.
struct CheckAnnouncements: DeskRequest {
    func perform(_ desk: DeskContext) throws -> [AlertAnnouncement] {
        try desk.source(AnnouncementSource.self).announcements(at: desk.now)
    }
    func apply(_ batch: [AlertAnnouncement], to s: inout ConsoleState) -> [Effect] {
        HeaderFlash.announce(&s, batch)
        return batch.isEmpty ? [] : s.screen.feature.reenter(&s, force: true)
    }
    /// Most checks find nothing: the screen stays as it is, without a frame.
    func changesNothing(_ batch: [AlertAnnouncement]) -> Bool { batch.isEmpty }
    /// Announcing is a courtesy: a desk that cannot say (a stand-in, a locked file) leaves the
    /// status line to what the user is doing; the log has the reason.
    func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] { [] }
}
