import CaseModel
import TerminalKit

/// What the console was started with: language, read-only, glyphs, the user, the key map.
public struct ConsoleSettings: Sendable {
    public var language: Language
    public var readOnly: Bool
    /// Why the desk is read-only for this user (the file, the snapshot, the roster, the role), as
    /// CaseModel found it when the console opened; nil when it is writable or nobody asked.
    public var writeAccess: DeskWriteAccess?
    /// ASCII borders and sparkline instead of box-drawing and block glyphs (East-Asian ambiguous
    /// width terminals, or `--ascii`).
    public var asciiGlyphs: Bool
    public var userName: String
    public var keyMap: KeyMap
    /// How many rows the dashboard's countdown list loads (more than any screen shows).
    public var countdownLimit = 60
    /// Rows per queue page read from the store.
    public var queuePageSize = 200

    /// Creates settings.
    public init(language: Language = .zh, readOnly: Bool = false, asciiGlyphs: Bool = false, userName: String,
                keyMap: KeyMap = .defaults) {
        self.language = language
        self.readOnly = readOnly
        self.asciiGlyphs = asciiGlyphs
        self.userName = userName
        self.keyMap = keyMap
    }

    /// `只读：…` with the reason when one is known, for the header and refused keys.
    public var readOnlyText: String {
        writeAccess?.text(language) ?? t("只读:不能办理", "Read-only: nothing can be changed")
    }

    /// Picks the Chinese or English text.
    public func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
