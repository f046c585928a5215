/// A date/time format a source writes its times in: `yyyy/M/d`, `yyyy-MM-dd HH:mm`,
/// `yyyy年M月d日`, `iso` (ISO 8601, with or without an offset) or `excel` (an Excel serial day
/// number such as `43908.5833`).
///
/// Pattern letters: `yyyy` year, `M`/`MM` month, `d`/`dd` day, `H`/`HH` hour (0–23), `m`/`mm`
/// minute, `s`/`ss` second; one letter reads one or two digits, two letters exactly two. Any other
/// character must appear as written. Fields a pattern lacks are midnight.
public struct DatePattern: Sendable, Equatable, CustomStringConvertible {
    enum Part: Sendable, Equatable {
        case year, month(exact: Bool), day(exact: Bool), hour(exact: Bool), minute(exact: Bool), second(exact: Bool)
        case literal([UInt8])
    }
    enum Kind: Sendable, Equatable { case iso, excel, pattern([Part]) }

    let kind: Kind
    /// The pattern as written.
    public let text: String

    /// Compiles a pattern; nil (with the reason) when it is not one.
    public static func compile(_ text: String) -> Result<DatePattern, DatePatternError> {
        let t = text.trimmed
        switch t.lowercased() {
        case "iso", "iso8601", "iso 8601": return .success(DatePattern(kind: .iso, text: t))
        case "excel", "excel-serial": return .success(DatePattern(kind: .excel, text: t))
        default: break
        }
        var parts: [Part] = []
        var seen: Set<String> = []
        let chars = Array(t)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var n = 1
            while i + n < chars.count && chars[i + n] == c { n += 1 }
            let part: Part?
            switch (c, n) {
            case ("y", 4): part = .year
            case ("M", 1), ("M", 2): part = .month(exact: n == 2)
            case ("d", 1), ("d", 2): part = .day(exact: n == 2)
            case ("H", 1), ("H", 2): part = .hour(exact: n == 2)
            case ("m", 1), ("m", 2): part = .minute(exact: n == 2)
            case ("s", 1), ("s", 2): part = .second(exact: n == 2)
            case ("y", _), ("M", _), ("d", _), ("H", _), ("m", _), ("s", _), ("h", _):
                return .failure(DatePatternError(message: "\"\(String(repeating: c, count: n))\" is not a pattern letter run (use yyyy, M/MM, d/dd, H/HH, m/mm, s/ss)"))
            default: part = nil
            }
            if let part {
                let key = String(c)
                guard !seen.contains(key) else { return .failure(DatePatternError(message: "\"\(c)\" appears twice")) }
                seen.insert(key)
                parts.append(part)
                i += n
            } else {
                let bytes = Array(String(c).utf8)
                if case .literal(let prev)? = parts.last { parts[parts.count - 1] = .literal(prev + bytes) } else { parts.append(.literal(bytes)) }
                i += 1
            }
        }
        for needed in ["y", "M", "d"] where !seen.contains(needed) {
            return .failure(DatePatternError(message: "a date pattern needs yyyy, M and d (or write iso or excel)"))
        }
        return .success(DatePattern(kind: .pattern(parts), text: t))
    }

    public var description: String { text }

    /// The instant `value` names, reading times without an offset in `zone`; nil if it does not fit.
    public func parse(_ value: String, zone: SourceTimeZone) -> Instant? {
        switch kind {
        case .iso:
            // DeskTime reads a missing offset as its own; read at UTC and apply the source's zone instead.
            let utc = DeskTime(offsetSeconds: 0)
            guard let t = utc.parse(value) else { return nil }
            if DatePattern.hasOffset(value) { return t }
            return Instant(seconds: t.seconds - Int64(zone.offset(forLocal: t.seconds)))
        case .excel:
            guard let serial = Double(value.trimmed), serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
            // Excel counts days from 1899-12-30 (its 1900 leap-year bug is absorbed by that epoch for dates after February 1900).
            let seconds = (serial * 86_400).rounded()
            let local = Int64(seconds) - 25_569 * 86_400
            return Instant(seconds: local - Int64(zone.offset(forLocal: local)))
        case .pattern(let parts):
            var s = value.trimmed
            return s.withUTF8 { DatePattern.match(parts, $0, zone: zone) }
        }
    }

    static func hasOffset(_ value: String) -> Bool {
        let t = value.trimmed
        guard t.count > 10 else { return false }
        if t.hasSuffix("Z") || t.hasSuffix("z") { return true }
        let tail = t.utf8.suffix(6)
        return tail.contains(UInt8(ascii: "+")) || tail.dropFirst().contains(UInt8(ascii: "-"))
    }

    private static func match(_ parts: [Part], _ s: UnsafeBufferPointer<UInt8>, zone: SourceTimeZone) -> Instant? {
        var i = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        func number(min: Int, max: Int) -> Int? {
            var v = 0, n = 0
            while n < max && i < s.count && s[i] >= 48 && s[i] <= 57 {
                v = v * 10 + Int(s[i] - 48); i += 1; n += 1
            }
            return n >= min ? v : nil
        }
        for part in parts {
            switch part {
            case .year: guard let v = number(min: 4, max: 4) else { return nil }; year = v
            case .month(let exact): guard let v = number(min: exact ? 2 : 1, max: 2) else { return nil }; month = v
            case .day(let exact): guard let v = number(min: exact ? 2 : 1, max: 2) else { return nil }; day = v
            case .hour(let exact): guard let v = number(min: exact ? 2 : 1, max: 2) else { return nil }; hour = v
            case .minute(let exact): guard let v = number(min: exact ? 2 : 1, max: 2) else { return nil }; minute = v
            case .second(let exact): guard let v = number(min: exact ? 2 : 1, max: 2) else { return nil }; second = v
            case .literal(let bytes):
                guard i + bytes.count <= s.count else { return nil }
                for (k, b) in bytes.enumerated() where s[i + k] != b { return nil }
                i += bytes.count
            }
        }
        guard i == s.count, hour < 24, minute < 60, second < 60, let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(seconds: local - Int64(zone.offset(forLocal: local)))
    }
}

/// Why a date pattern in a mapping file is not one.
public struct DatePatternError: Error, Sendable {
    public var message: String
}
