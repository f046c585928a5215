/// Times and dates as a script says them to a customer: `2月24日(周二) 17:30`, `Tue 24 Feb 17:30`.
enum ScriptDates {
    static let weekdaysZh = ["一", "二", "三", "四", "五", "六", "日"]
    static let weekdaysEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A day.
    static func day(_ d: CivilDate, _ language: String) -> String {
        let w = max(0, min(6, d.isoWeekday - 1))
        if language == "en" { return "\(weekdaysEn[w]) \(d.day) \(monthsEn[max(0, min(11, d.month - 1))])" }
        return "\(d.month)月\(d.day)日(周\(weekdaysZh[w]))"
    }

    /// A day and a time of day, in desk time.
    static func time(_ t: Instant, _ language: String) -> String {
        let c = DeskTime.standard.civil(t)
        let hm = "\(c.hour < 10 ? "0" : "")\(c.hour):\(c.minute < 10 ? "0" : "")\(c.minute)"
        return day(c.date, language) + " " + hm
    }
}
