import Foundation

/// Strings an attacker or a broken upstream system could put in any text field: terminal
/// commands (CSI, OSC incl. OSC 52 clipboard writes, DCS, 8-bit C1), raw controls, zero-width
/// and combining marks, right-to-left text and bidi overrides, and very long values.
enum HostileText {
    static let samples: [(name: String, text: String)] = [
        // No NUL: intake refuses it (docs/input-bounds.md); every other C0 control is kept and must draw harmlessly.
        ("c0", "响铃\u{07}退格\u{08}回车\r换行\n制表\t空\u{01}删\u{7F}"),
        ("csi", "\u{1B}[2J\u{1B}[H\u{1B}[31m红字\u{1B}[0m\u{1B}[10A\u{1B}[?1049l\u{1B}[?25l"),
        ("osc-title", "\u{1B}]0;pwned\u{07}\u{1B}]2;pwned2\u{1B}\\标题"),
        ("osc52", "\u{1B}]52;c;cHduZWQ=\u{07}剪贴板\u{1B}]52;p;cHduZWQ=\u{1B}\\"),
        ("osc8", "\u{1B}]8;;http://evil.example/\u{1B}\\链接\u{1B}]8;;\u{1B}\\"),
        ("dcs", "\u{1B}P+q544e\u{1B}\\\u{1B}P$qm\u{1B}\\设备"),
        ("c1", "\u{9B}2J\u{9D}0;c1title\u{9C}\u{90}q\u{9C}\u{85}八位"),
        ("zero-width", "零\u{200B}宽\u{200C}字\u{200D}符\u{FEFF}\u{2060}"),
        ("combining", "Z\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}\u{0307}\u{0308}\u{0309}\u{030A}a\u{0301}\u{0301}\u{0301}é"),
        ("rtl", "שלום עולם مرحبا بالعالم 理赔"),
        ("bidi", "\u{202E}lanigiro\u{202C} \u{2067}隔离\u{2069} \u{202B}嵌入\u{202C}"),
        ("emoji", "👨‍👩‍👧‍👦🇨🇳👍🏽✈️"),
        ("separators", "行\u{2028}段\u{2029}尾"),
        ("long-cjk", String(repeating: "理赔款两周未到账", count: 4_200)),    // 100 KB of UTF-8 (the intake limit is 200,000 bytes)
        ("long-ascii", String(repeating: "A", count: 102_400)),
    ]

    /// Bytes that are not UTF-8, stored raw by an outside system (`CAST(X'…' AS TEXT)`).
    static let invalidUTF8Hex = "C328E282A8F09F98FFFE2D80BFC0AFEDA080"

    /// Whether a cell's text could act on a terminal: C0/C1 controls, DEL, bidi overrides.
    static func isDangerous(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
