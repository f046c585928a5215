/// A calendar file's day label (`春节`, `春节调休`) in the reader's language.
///
/// The State Council's notices and the shipped calendar files name holidays in Chinese; an English
/// screen shows the English name of the seven public holidays (and `… make-up workday` for a
/// `调休` day). A label nobody knows (a desk's own, `年会`) is file content and shows as written.
public enum HolidayLabel {
    /// The seven public holidays by their usual Chinese names (short and long forms).
    static let english: [String: String] = [
        "元旦": "New Year's Day", "春节": "Spring Festival", "清明": "Qingming Festival", "清明节": "Qingming Festival",
        "劳动节": "Labour Day", "五一": "Labour Day", "端午": "Dragon Boat Festival", "端午节": "Dragon Boat Festival",
        "中秋": "Mid-Autumn Festival", "中秋节": "Mid-Autumn Festival", "国庆": "National Day", "国庆节": "National Day",
        "中秋国庆": "Mid-Autumn Festival and National Day", "国庆中秋": "National Day and Mid-Autumn Festival",
    ]

    /// The label as a reader of `language` reads it.
    public static func text(_ label: String, _ language: Language) -> String {
        guard language == .en else { return label }
        if let name = english[label] { return name }
        if label.hasSuffix("调休"), let name = english[String(label.dropLast(2))] { return "\(name) make-up workday" }
        return label
    }
}
