/// The language a complainant speaks, named for a reader: the case stores a code (`zh`, `yue`,
/// `en`), the case screen and `console show` say 中文 / Chinese (docs/console-reading.md, "Language").
public enum SpokenLanguage {
    /// The name of `code` in `language`, or nil for a code the desk has no name for (shown as written).
    public static func name(_ code: String, _ language: Language) -> String? {
        let zh = language == .zh
        switch code.lowercased() {
        case "zh", "zh-cn", "cmn": return zh ? "中文" : "Chinese"
        case "yue", "zh-hk": return zh ? "粤语" : "Cantonese"
        case "en": return zh ? "英文" : "English"
        default: return nil
        }
    }
}
