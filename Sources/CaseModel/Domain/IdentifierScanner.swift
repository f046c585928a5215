/// The kinds of personal identifier the desk recognises, in structured fields and in free text.
public enum IdentifierKind: String, Sendable, CaseIterable {
    /// A mainland mobile number: 11 digits from 13… to 19….
    case mobile
    /// A mainland landline with its area code: `0571-88886666`.
    case landline
    /// A number written with `+` and a country code other than China's.
    case foreignPhone = "foreign-phone"
    /// A resident ID number: 18 characters (17 digits and a check digit or X), or the old 15 digits.
    case idNumber = "id-number"
    /// A bank card or account number: 13 to 19 digits.
    case bankAccount = "bank-account"

    /// Whether this is a telephone number of any kind.
    public var isPhone: Bool { self == .mobile || self == .landline || self == .foreignPhone }
}

/// Finds personal identifiers written into free text, however they were typed: with or without
/// +86/0086, spaced, dashed or dotted in the usual groups, full-width digits, the area code in
/// parentheses, a final X of an ID number in either case, and directly against Chinese characters.
///
/// Dates (`2026-02-17`), amounts (`20,000元`) and case numbers (`TS-20260217-0042`) are not
/// identifiers: a run of digit groups counts only when its digits and its grouping both fit one
/// of the shapes in docs/personal-data.md. Positions are offsets in the text's Unicode scalars.
public enum IdentifierScanner {
    /// One identifier found in a text.
    public struct Match: Sendable, Equatable {
        /// Where it is, in Unicode scalar offsets (prefixes such as `+86` and a leading `(` included).
        public var range: Range<Int>
        public var kind: IdentifierKind
        /// The identifier in its stored form (`13812345678`, `0571-88886666`, `11010119900307001X`).
        public var canonical: String
    }

    /// Every identifier in `text`, in order, none overlapping.
    public static func matches(in text: String) -> [Match] {
        guard mayContainDigits(text) else { return [] }
        return matches(in: Array(text.unicodeScalars))
    }

    /// The identifier `value` consists of (surrounding spaces aside), or nil when it is not exactly one.
    public static func whole(_ value: String) -> Match? {
        let scalars = Array(value.unicodeScalars)
        var lo = 0, hi = scalars.count
        while lo < hi, isSpace(scalars[lo]) { lo += 1 }
        while hi > lo, isSpace(scalars[hi - 1]) { hi -= 1 }
        let found = matches(in: Array(scalars[lo..<hi]))
        guard found.count == 1, found[0].range == 0..<(hi - lo) else { return nil }
        return found[0]
    }

    /// Whether `text` has any digit at all (ASCII or full-width): most free text has none, and then
    /// nothing needs scanning.
    static func mayContainDigits(_ text: String) -> Bool {
        var fullWidthLead = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 { return true }
            // Full-width digits are EF BC 90–99 in UTF-8.
            if fullWidthLead == 2, b >= 0x90 && b <= 0x99 { return true }
            fullWidthLead = b == 0xEF ? 1 : (fullWidthLead == 1 && b == 0xBC ? 2 : 0)
        }
        return false
    }

    // MARK: - scanning

    /// A run of digits inside a chunk.
    struct Group { var start: Int; var end: Int; var digits: [UInt8] }

    /// Digit groups joined by separators, with an optional leading `(` and `+` and a trailing X.
    struct Chunk { var start: Int; var plus: Bool; var groups: [Group]; var trailingX: Int? }

    /// The most groups one identifier spans (`+86 138 1234 5678`, a 19-digit card in fives).
    static let maxGroups = 6
    /// More digits than any identifier has: a longer candidate is not looked at.
    static let maxDigits = 24
    /// China's country code as written before a group of its own (`+86 21 6234 5678`).
    static let countryCodes: Set<[UInt8]> = [Array("86".utf8), Array("0086".utf8)]
    /// Fewer digits than any identifier has (a foreign number with `+`).
    static let minDigits = 7

    static func matches(in s: [Unicode.Scalar]) -> [Match] {
        var out: [Match] = []
        var i = 0
        while i < s.count {
            guard let chunk = chunk(at: i, s) else { i += 1; continue }
            out += matches(in: chunk)
            i = max(i + 1, (chunk.trailingX.map { $0 + 1 }) ?? chunk.groups.last!.end)
        }
        return out
    }

    /// The chunk starting at `i`, if a digit (or `(`/`+` right before one) is there.
    static func chunk(at i: Int, _ s: [Unicode.Scalar]) -> Chunk? {
        var j = i
        if isOpenParen(s[j]), j + 1 < s.count, digit(s[j + 1]) != nil || isPlus(s[j + 1]) { j += 1 }
        var plus = false
        if j < s.count, isPlus(s[j]), j + 1 < s.count, digit(s[j + 1]) != nil { plus = true; j += 1 }
        guard j < s.count, digit(s[j]) != nil else { return nil }
        // A digit right after another digit or a letter-digit token is the middle of something longer.
        if j == i, i > 0, digit(s[i - 1]) != nil { return nil }
        var groups: [Group] = []
        while true {
            var k = j
            var digits: [UInt8] = []
            while k < s.count, let d = digit(s[k]) { digits.append(UInt8(d.value)); k += 1 }
            groups.append(Group(start: j, end: k, digits: digits))
            var m = k
            while m < s.count, m - k < 3, isSeparator(s[m]) { m += 1 }
            if m > k, m < s.count, digit(s[m]) != nil { j = m; continue }
            let x = k < s.count && isX(s[k]) ? k : nil
            return Chunk(start: i, plus: plus, groups: groups, trailingX: x)
        }
    }

    /// The identifiers in one chunk: from each group, the longest run of groups that is one.
    static func matches(in c: Chunk) -> [Match] {
        var out: [Match] = []
        var a = 0
        let n = c.groups.count
        // Digits before each group, so a candidate too short or too long for any identifier is
        // passed over without building it (a text of ten thousand "1 2 3 …" stays fast).
        var before = [0]
        before.reserveCapacity(n + 1)
        for g in c.groups { before.append(before.last! + g.digits.count) }
        while a < n {
            var found = false
            var b = min(n - 1, a + maxGroups - 1)
            while b >= a {
                let total = before[b + 1] - before[a]
                guard total >= minDigits else { break }
                // Only the first and last group of an identifier may be shorter than three digits
                // (`+86`, a card's tail), and an area code after the country code: anything else is passed over before it is built.
                if total > maxDigits || stride(from: a + 1, to: b, by: 1).contains(where: { c.groups[$0].digits.count < 3 && !($0 == a + 1 && countryCodes.contains(c.groups[a].digits)) })
                    || (total < 10 && !(a == 0 && c.plus)) { b -= 1; continue }
                let slice = c.groups[a...b]
                let withX = b == n - 1 && c.trailingX != nil
                let plus = a == 0 && c.plus
                if let (kind, canonical) = classify(slice, plus: plus, x: withX) ?? (withX ? classify(slice, plus: plus, x: false) : nil) {
                    let start = a == 0 ? c.start : slice.first!.start
                    let end = withX && kind == .idNumber && canonical.hasSuffix("X") ? c.trailingX! + 1 : slice.last!.end
                    out.append(Match(range: start..<end, kind: kind, canonical: canonical))
                    a = b + 1
                    found = true
                    break
                }
                b -= 1
            }
            if !found { a += 1 }
        }
        return out
    }

    // MARK: - shapes

    /// What a run of digit groups is, if it is an identifier: its kind and canonical form.
    static func classify(_ groups: ArraySlice<Group>, plus: Bool, x: Bool) -> (IdentifierKind, String)? {
        let lens = groups.map(\.digits.count)
        var all: [UInt8] = []
        all.reserveCapacity(maxDigits)
        for g in groups { all += g.digits }
        guard all.count <= maxDigits else { return nil }
        if x {
            guard all.count == 17, all[0] != zero, idWithXGroupings.contains(lens) else { return nil }
            return (.idNumber, text(all) + "X")
        }
        if let phone = phone(lens, all, plus: plus) { return phone }
        if plus { return nil }
        if all.count == 18, all[0] != zero, idGroupings.contains(lens) { return (.idNumber, text(all)) }
        if all.count == 15, lens.count == 1, all[0] != zero { return (.idNumber, text(all)) }
        if (13...19).contains(all.count) {
            let single = lens.count == 1
            let fours = lens.count >= 3 && lens.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(lens.last!)
            if single && all.count == 14 && isTimestamp(all) { return nil }
            if single || fours { return (.bankAccount, text(all)) }
        }
        return nil
    }

    static let mobileGroupings: [[Int]] = [[11], [3, 4, 4], [3, 8], [7, 4]]
    static let idGroupings: [[Int]] = [[18], [6, 8, 4], [6, 4, 4, 4]]
    static let idWithXGroupings: [[Int]] = [[17], [6, 8, 3], [6, 4, 4, 3]]
    static let zero = UInt8(ascii: "0")

    private static func text(_ digits: [UInt8]) -> String { String(decoding: digits, as: UTF8.self) }
    private static func hasPrefix(_ d: [UInt8], _ p: String) -> Bool { d.starts(with: p.utf8) }

    /// A telephone number: mainland, with or without the country code, or foreign with `+`.
    static func phone(_ lens: [Int], _ digits: [UInt8], plus: Bool) -> (IdentifierKind, String)? {
        let countryCode: Int? = plus ? (hasPrefix(digits, "86") ? 2 : nil)
            : hasPrefix(digits, "0086") ? 4 : hasPrefix(digits, "86") ? 2 : nil
        if let cc = countryCode, lens[0] >= cc {
            var rest = lens
            rest[0] -= cc
            if rest[0] == 0 { rest.removeFirst() }
            if !rest.isEmpty, let p = mainland(rest, Array(digits.dropFirst(cc)), afterCountryCode: true) { return p }
        }
        if plus {
            guard !hasPrefix(digits, "86"), (7...15).contains(digits.count) else { return nil }
            return (.foreignPhone, "+" + text(digits))
        }
        return mainland(lens, digits, afterCountryCode: false)
    }

    /// A mainland mobile (`138 1234 5678`) or landline with its area code (`(0571) 8888-6666`).
    /// After a country code the landline's trunk 0 is left out (`+86 571 88886666`).
    static func mainland(_ lens: [Int], _ d: [UInt8], afterCountryCode: Bool) -> (IdentifierKind, String)? {
        guard d.count >= 2 else { return nil }
        if d.count == 11, d[0] == UInt8(ascii: "1"), d[1] >= UInt8(ascii: "3"), mobileGroupings.contains(lens) {
            return (.mobile, text(d))
        }
        var full = d
        var groups = lens
        if afterCountryCode {
            guard d[0] != zero else { return nil }
            full.insert(zero, at: 0)
            groups[0] += 1
        } else {
            guard d[0] == zero, d[1] != zero else { return nil }
        }
        // Beijing (010) and the 02x cities have two-digit codes after the 0; the rest three.
        let area = hasPrefix(full, "010") || hasPrefix(full, "02") ? 3 : 4
        guard full.count > area, full[1] != UInt8(ascii: "1") || area == 3 else { return nil }
        let local = full[area...]
        guard (7...8).contains(local.count), local.first! >= UInt8(ascii: "2") else { return nil }
        let grouped = groups == [full.count] || groups == [area, local.count]
            || (groups.count == 3 && groups[0] == area && groups[1] + groups[2] == local.count
                && (3...4).contains(groups[1]) && (3...4).contains(groups[2]))
        guard grouped else { return nil }
        return (.landline, text(Array(full[..<area])) + "-" + text(Array(local)))
    }

    /// `yyyyMMddHHmmss`: a time stamp written without separators, not a card number.
    static func isTimestamp(_ d: [UInt8]) -> Bool {
        func v(_ a: Int, _ len: Int) -> Int { d[a..<a + len].reduce(0) { $0 * 10 + Int($1 - zero) } }
        return (1900...2099).contains(v(0, 4)) && (1...12).contains(v(4, 2)) && (1...31).contains(v(6, 2))
            && v(8, 2) < 24 && v(10, 2) < 60 && v(12, 2) < 60
    }

    // MARK: - characters

    /// The ASCII digit a scalar stands for (full-width digits included), or nil.
    static func digit(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        switch u.value {
        case 0x30...0x39: return u
        case 0xFF10...0xFF19: return Unicode.Scalar(u.value - 0xFF10 + 0x30)
        default: return nil
        }
    }

    /// Whether a character can be part of an identifier as the scanner reads them.
    static func mayBeInIdentifier(_ u: Unicode.Scalar) -> Bool {
        digit(u) != nil || isSeparator(u) || isPlus(u) || isX(u)
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\t" || u.value == 0xA0 || u.value == 0x3000 }
    static func isPlus(_ u: Unicode.Scalar) -> Bool { u == "+" || u.value == 0xFF0B }
    static func isOpenParen(_ u: Unicode.Scalar) -> Bool { u == "(" || u.value == 0xFF08 }
    static func isX(_ u: Unicode.Scalar) -> Bool { u == "X" || u == "x" || u.value == 0xFF38 || u.value == 0xFF58 }

    /// What may stand between the groups of one number: spaces, dashes, dots, parentheses.
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0xA0, 0x3000, 0x2D, 0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2E, 0xFF0E, 0x28, 0x29, 0xFF08, 0xFF09: return true
        default: return false
        }
    }
}
