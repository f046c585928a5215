/// JSON strings written into a byte buffer, escaping exactly what `CompactJSON.string(_:into:forDisplay: true)`
/// escapes (controls, DEL, C1, U+2028/2029 and the bidirectional formatting characters that
/// `SafeText.mark` names, docs/terminal-safety.md), without walking every Unicode scalar: only
/// the lead bytes of those characters (C2, D8, E2) are decoded, and Chinese text is copied whole.
enum JSONBytes {
    /// Appends `s` quoted and escaped.
    static func string(_ s: String, into out: inout [UInt8]) {
        var s = s
        out.append(0x22)
        s.withUTF8 { p in
            let n = p.count
            var start = 0, i = 0
            func flush(_ upTo: Int) { if upTo > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<upTo])) } }
            while i < n {
                let b = p[i]
                var escape: UInt32? = nil
                var width = 1
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    escape = UInt32(b)
                } else if b == 0xC2 || b == 0xD8 || b == 0xE2 {
                    let scalar: UInt32
                    if b == 0xE2 {
                        width = 3
                        scalar = (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
                    } else {
                        width = 2
                        scalar = (UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
                    }
                    if needsEscape(scalar) { escape = scalar }
                }
                guard let u = escape else { i += width; continue }
                flush(i)
                switch u {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), hex[Int(u >> 12 & 0xF)], hex[Int(u >> 8 & 0xF)], hex[Int(u >> 4 & 0xF)], hex[Int(u & 0xF)]])
                }
                i += width
                start = i
            }
            flush(n)
        }
        out.append(0x22)
    }

    /// The scalars above U+007F that are written as `\u` escapes.
    private static func needsEscape(_ u: UInt32) -> Bool {
        switch u {
        case 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
