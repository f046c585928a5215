/// A small JSON reader for recorded values: scalars, and the `{"#":…}`, `{"x":…}`, `{"f":…}` forms.
struct AuditJSONParser {
    private let b: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { b = bytes }

    var peek: UInt8? { i < b.count ? b[i] : nil }

    mutating func skipSpace() { while let c = peek, c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 { i += 1 } }

    mutating func array() -> [AuditValue]? {
        guard peek == 0x5b else { return nil }
        i += 1
        var out: [AuditValue] = []
        skipSpace()
        if peek == 0x5d { i += 1; return out }
        while true {
            skipSpace()
            guard let v = value() else { return nil }
            out.append(v)
            skipSpace()
            if peek == 0x2c { i += 1; continue }
            if peek == 0x5d { i += 1; return out }
            return nil
        }
    }

    mutating func object() -> [(String, AuditValue)]? {
        guard peek == 0x7b else { return nil }
        i += 1
        var out: [(String, AuditValue)] = []
        skipSpace()
        if peek == 0x7d { i += 1; return out }
        while true {
            skipSpace()
            guard let k = string() else { return nil }
            skipSpace()
            guard peek == 0x3a else { return nil }
            i += 1
            skipSpace()
            guard let v = value() else { return nil }
            out.append((String(decoding: k, as: UTF8.self), v))
            skipSpace()
            if peek == 0x2c { i += 1; continue }
            if peek == 0x7d { i += 1; return out }
            return nil
        }
    }

    mutating func value() -> AuditValue? {
        guard let c = peek else { return nil }
        switch c {
        case 0x22: return string().map { .text($0) }
        case 0x6e:
            guard b.count >= i + 4, b[i..<i + 4].elementsEqual("null".utf8) else { return nil }
            i += 4
            return .null
        case 0x7b:
            guard let pairs = object(), pairs.count == 1, case .text(let t) = pairs[0].1 else { return nil }
            let s = String(decoding: t, as: UTF8.self)
            switch pairs[0].0 {
            case "#": return .digest(s)
            case "x": return AuditKey.fromHex(s).map { .blob($0) }
            case "f": return Double(s).map { AuditValue.number($0) }
            default: return nil
            }
        default:
            let start = i
            while let d = peek, (d >= 0x30 && d <= 0x39) || d == 0x2d || d == 0x2b || d == 0x2e || d == 0x65 || d == 0x45 { i += 1 }
            let s = String(decoding: b[start..<i], as: UTF8.self)
            if let n = Int64(s) { return .int(n) }
            return Double(s).map(AuditValue.number)
        }
    }

    /// A JSON string's UTF-8 bytes.
    mutating func string() -> [UInt8]? {
        guard peek == 0x22 else { return nil }
        i += 1
        var out: [UInt8] = []
        while let c = peek {
            i += 1
            if c == 0x22 { return out }
            guard c == 0x5c else { out.append(c); continue }
            guard let e = peek else { return nil }
            i += 1
            switch e {
            case 0x6e: out.append(0x0a)
            case 0x72: out.append(0x0d)
            case 0x74: out.append(0x09)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0c)
            case 0x75:
                guard var u = hex4() else { return nil }
                if (0xd800..<0xdc00).contains(u), peek == 0x5c, i + 1 < b.count, b[i + 1] == 0x75 {
                    i += 2
                    guard let lo = hex4() else { return nil }
                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00)
                }
                out += Array(String(Unicode.Scalar(u).map(Character.init) ?? "\u{fffd}").utf8)
            default: out.append(e)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
        i += 4
        return v
    }
}
