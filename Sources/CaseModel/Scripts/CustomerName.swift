/// How a customer is addressed in a script: surname and title, as far as the reader may know it.
///
/// The surname is personal data (docs/personal-data.md). A masked name shows its first
/// character (`张**`), so a masked fill may use it when that character is the surname; a
/// compound surname (`欧阳`) would need more than the mask shows, and a Latin-script name's
/// surname is not its first letter, so those fill with the neutral form ("尊敬的客户") unless
/// the case was revealed for the fill.
public enum CustomerName {
    /// Two-character surnames common enough to meet on a holiday desk.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯", "轩辕",
        "端木", "独孤", "南宫", "西门", "宇文", "司徒", "申屠", "太史", "百里", "呼延", "万俟", "闻人", "赫连",
    ]

    /// The surname of `name`, or nil when the disclosure does not allow it or none can be told.
    public static func surname(_ name: String, _ disclosure: Disclosure) -> String? {
        let n = name.trimmed
        guard let first = n.unicodeScalars.first else { return nil }
        if isHan(first) {
            let chars = Array(n)
            // A two-character name is a one-character surname and a given name (欧阳 alone is 欧 + 阳).
            if chars.count >= 3, compoundSurnames.contains(String(chars[0...1])) {
                return disclosure == .revealed ? String(chars[0...1]) : nil
            }
            return String(chars[0])
        }
        guard disclosure == .revealed else { return nil }
        return n.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).last.map(String.init)
    }

    /// `张先生`, `张先生/女士`, `Mr Zhang`, `Mr/Ms Zhang`; without a surname the neutral form.
    public static func salutation(surname: String?, title: CustomerTitle, language: String) -> String {
        if language == "en" {
            guard let s = surname else { return "Sir or Madam" }
            switch title {
            case .mr: return "Mr \(s)"
            case .ms: return "Ms \(s)"
            case .unknown: return "Mr/Ms \(s)"
            }
        }
        guard let s = surname else { return "尊敬的客户" }
        switch title {
        case .mr: return s + "先生"
        case .ms: return s + "女士"
        case .unknown: return s + "先生/女士"
        }
    }

    static func isHan(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value) || (0x20000...0x2FA1F).contains(u.value)
    }
}

/// How the person filling a script addresses the customer (the case records no gender).
public enum CustomerTitle: String, Labeled {
    case unknown, mr, ms
    public var zh: String {
        switch self {
        case .unknown: "先生/女士"
        case .mr: "先生"
        case .ms: "女士"
        }
    }
    public var en: String {
        switch self {
        case .unknown: "Mr/Ms"
        case .mr: "Mr"
        case .ms: "Ms"
        }
    }
}
