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
}
