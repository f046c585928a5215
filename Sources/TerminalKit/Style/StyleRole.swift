/// A styled element of the screen. Views say *what* a cell is; the theme says how it looks, so a
/// theme file can name every element and the mono theme can use attributes where others use colour.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case normal, header, headerAccent = "header-accent", headerFlash = "header-flash", paneTitle = "pane-title", paneTitleFocused = "pane-title-focused",
         border, tableHeader = "table-header", selected, marked, markedSelected = "marked-selected", muted,
         ok, warning, breach, crisis, alertCritical = "alert-critical", alertWarning = "alert-warning",
         alertInfo = "alert-info", ticker, sparkline, footer, footerKey = "footer-key", message, error,
         overlay, overlayTitle = "overlay-title", input, placeholder
}
