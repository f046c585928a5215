import Foundation

/// Weekday names as calendar files write them, Monday first to match ISO weekday numbering.
enum CalendarWeekdays {
    static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses `all`, `sat`, `mon-fri`, `mon,wed,fri` or `mon-wed,sat` into 0-based indices.
    static func parse(_ text: Substring) -> Result<[Int], CalendarPeriodError> {
        if text.lowercased() == "all" { return .success(Array(0..<7)) }
        var days: [Int] = []
        for item in text.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2, let a = names.firstIndex(of: String(ends[0])),
                  let b = ends.count == 2 ? names.firstIndex(of: String(ends[1])) : a else {
                return .failure(CalendarPeriodError("bad weekdays '\(text)'; write all, mon-fri, sat or mon,wed,fri using \(names.joined(separator: " "))"))
            }
            guard a <= b else { return .failure(CalendarPeriodError("weekday range '\(item)' runs backwards; write it Monday to Sunday order")) }
            for d in a...b {
                guard !days.contains(d) else { return .failure(CalendarPeriodError("'\(names[d])' is listed twice in '\(text)'")) }
                days.append(d)
            }
        }
        return .success(days)
    }
}
