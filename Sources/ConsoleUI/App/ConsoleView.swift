import CaseModel
import TerminalKit

/// The console's one view function: state → a full screen of cells. Pure, so the same state
/// always draws the same screen (snapshot tests rely on it). The current screen's feature draws
/// the screen; an open form and an overlay are drawn over it.
public enum ConsoleView {
    /// Draws the whole screen.
    public static func render(_ s: ConsoleState) -> CellBuffer {
        var b = CellBuffer(width: s.width, height: s.height)
        if s.tooSmall {
            ScreenChrome.drawTooSmall(&b, s)
            return b
        }
        s.screen.feature.draw(&b, s)
        FormOverlayView.drawOverlay(&b, s)
        OverlayView.draw(&b, s)
        TextViewerView.draw(&b, s)
        return b
    }

    /// What of the screen the clock can change, cheaply: the minute (the header's time, every
    /// date and every figure in minutes), whether a status message or the header's flash shows,
    /// and the screen's own clock texts (`ScreenFeature.clockFace`). Two states that differ only
    /// in `now` and `ticks` and have the same face draw the same screen, so a tick that leaves it
    /// unchanged draws no frame. Nil when that cannot be said (an overlay, form, viewer or long
    /// activity is showing, or the screen gives no face): then every tick draws.
    public static func clockFace(_ s: ConsoleState) -> ClockFace? {
        guard !s.tooSmall, s.overlay == nil, s.form == nil, s.viewer == nil, s.conflict == nil, s.activity == nil,
              !s.discardQuestion, let screen = s.screen.feature.clockFace(s) else { return nil }
        let seconds = s.now.seconds
        return ClockFace(minute: seconds / 60 - (seconds % 60 < 0 ? 1 : 0), message: s.message?.text, flashing: HeaderFlash.isFlashing(s), screen: screen)
    }

    /// See `clockFace`.
    public struct ClockFace: Equatable, Sendable {
        var minute: Int64
        var message: String?
        var flashing: Bool
        var screen: [String]
    }
}
