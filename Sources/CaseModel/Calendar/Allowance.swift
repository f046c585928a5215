import Foundation

/// How long a stage may take, as a policy file says it ("2 working hours", "15 days").
public struct Allowance: Hashable, Sendable, CustomStringConvertible {
    /// The ways the desk counts time (docs/clocks-and-calendars.md, "Counting time").
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        /// Working minutes from the moment the clock starts.
        case workingMinutes
        /// Working hours (60 working minutes each).
        case workingHours
        /// Close of business of the Nth working day after the start day.
        case workingDays
        /// Day N after the start day, deferred to the next working day's close.
        case calendarDays
        /// Close of business today (or of the next working day if already closed).
        case sameDay
    }

    /// How many units (1 for `sameDay`).
    public let amount: Int
    /// The unit.
    public let unit: Unit

    /// The largest amount accepted, far beyond any SLA but safe from overflow.
    public static let maximumAmount = 100_000

    /// Creates an allowance; `amount` must be in `1...maximumAmount`.
    public init(_ amount: Int, _ unit: Unit) {
        precondition((1...Self.maximumAmount).contains(amount), "allowance amount out of range")
        self.amount = unit == .sameDay ? 1 : amount
        self.unit = unit
    }

    /// Parses "2 working hours", "90 working minutes", "3 working days", "15 days",
    /// "15 calendar days", "same day" and the short forms "2wh", "90wm", "3wd", "15d", "15cd".
    public init(parsing text: String) throws {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words == ["same", "day"] || words == ["same-day"] || words == ["sameday"] {
            self.init(1, .sameDay)
            return
        }
        var parts = words
        // Short forms glue the number to the unit: "3wd".
        if parts.count == 1, let first = parts.first, let cut = first.firstIndex(where: { !$0.isNumber }), cut != first.startIndex {
            parts = [String(first[..<cut]), String(first[cut...])]
        }
        guard parts.count >= 2, let amount = Int(parts[0]) else { throw AllowanceError(text: text) }
        let unitWords = parts.dropFirst().joined(separator: " ")
        let unit: Unit
        switch unitWords {
        case "working minute", "working minutes", "wm": unit = .workingMinutes
        case "working hour", "working hours", "wh": unit = .workingHours
        case "working day", "working days", "wd": unit = .workingDays
        case "day", "days", "calendar day", "calendar days", "d", "cd": unit = .calendarDays
        default: throw AllowanceError(text: text)
        }
        guard (1...Self.maximumAmount).contains(amount) else {
            throw AllowanceError(text: text, reason: "the amount must be between 1 and \(Self.maximumAmount)")
        }
        self.init(amount, unit)
    }

    /// The allowance in a language: `3 个工作日`, `2 工作小时`, `15 天`, `当日` (English: `description`).
    public func text(_ language: Language) -> String {
        guard language == .zh else { return description }
        switch unit {
        case .workingMinutes: return "\(amount) 工作分钟"
        case .workingHours: return "\(amount) 工作小时"
        case .workingDays: return "\(amount) 个工作日"
        case .calendarDays: return "\(amount) 天（自然日）"
        case .sameDay: return "当日"
        }
    }

    /// The long form the parser accepts, e.g. `3 working days`.
    public var description: String {
        let plural = amount == 1 ? "" : "s"
        switch unit {
        case .workingMinutes: return "\(amount) working minute\(plural)"
        case .workingHours: return "\(amount) working hour\(plural)"
        case .workingDays: return "\(amount) working day\(plural)"
        case .calendarDays: return "\(amount) calendar day\(plural)"
        case .sameDay: return "same day"
        }
    }
}

/// Text that is not an allowance, with the forms that would have been accepted.
public struct AllowanceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// What is wrong.
    public let reason: String

    /// Creates the error; the default reason lists the accepted forms.
    public init(text: String, reason: String = "write e.g. '2 working hours', '90 working minutes', '3 working days', '15 days', '15 calendar days', 'same day', or 2wh, 90wm, 3wd, 15d") {
        self.text = text
        self.reason = reason
    }

    /// `not an allowance: '2 hours' (write e.g. ...)`.
    public var description: String { "not an allowance: '\(text)' (\(reason))" }
}
