/// The words of the reports management reads — titles, column heads, the values of each
/// breakdown, every figure's name, unit and definition — in Chinese or English, so a page for a
/// Chinese reader has no English category, severity or status under Chinese titles. JSON and
/// CSV keep their stable codes and English definitions.
public enum ReportWords {
    /// A breakdown's dimension: `类别` / `category`.
    public static func dimension(_ d: Breakdown.Dimension, _ language: Language) -> String {
        guard language == .zh else { return d.rawValue }
        switch d {
        case .channel: return "渠道"
        case .line: return "险种"
        case .product: return "产品"
        case .category: return "类别"
        case .kind: return "件类"
        case .branch: return "机构"
        case .handler: return "处理人"
        case .severity: return "严重度"
        }
    }

    /// One value of a dimension as a reader says it: `理赔` for `claims`; `(none)` and
    /// `(unassigned)` in words; products, branches and handlers as they are (handlers are shown
    /// by name where the caller has the roster).
    public static func value(_ key: String, of d: Breakdown.Dimension, _ language: Language) -> String {
        if key == "(none)" { return language == .zh ? "（无）" : key }
        if key == "(unassigned)" { return language == .zh ? "（未分派）" : key }
        guard language == .zh else { return key }
        switch d {
        case .channel: return Channel(rawValue: key)?.zh ?? key
        case .line: return InsuranceLine(rawValue: key)?.zh ?? key
        case .category: return Category(rawValue: key)?.zh ?? key
        case .kind: return CaseKind(rawValue: key)?.zh ?? key
        case .severity: return Severity(rawValue: key)?.zh ?? key
        case .product, .branch, .handler: return key
        }
    }

    /// A crisis event's status code (`declared`) in words.
    public static func crisisStatus(_ code: String, _ language: Language) -> String {
        CrisisStatus(rawValue: code)?.label(language) ?? code
    }

    /// A unit: `件`, `工作小时`, `件/亿元保费`.
    public static func unit(_ unit: String, _ language: Language) -> String {
        guard language == .zh else { return unit }
        switch unit {
        case "cases": return "件"
        case "working hours": return "工作小时"
        case "per 100M yuan": return "件/亿元保费"
        case "per 10k policies": return "件/万张保单"
        case "per 10k insured": return "件/万人"
        default: return unit
        }
    }

    /// The holiday summary's definitions.
    public static func summaryDefinitions(_ language: Language) -> [String] {
        guard language == .zh else { return HolidaySummary.definitions }
        return ["受理量：窗口内受理的投诉件（按受理时间，+08:00）",
                "超时：窗口结束前受理、现在仍未办结、且最近时限早于窗口结束的投诉件",
                "期末积压：窗口结束前受理、到窗口结束时既未结案也未撤诉的投诉件",
                shareRule(.zh)]
    }

    /// How shares are rounded.
    public static func shareRule(_ language: Language) -> String {
        language == .zh ? "占比：按最大余数法舍入到两位小数，各项之和恰为 100.00%" : Shares.rule
    }

    /// What "on time" means.
    public static func onTime(_ language: Language) -> String {
        language == .zh
            ? "已办结：记录了该阶段的结束时间（已联系、已提交、已审批、已结案、已回访；总体为已结案）；期限内：结束时间不晚于该阶段当时的政策时限（含严重度升级与批准的延期）；总体及时：已办结的每个阶段都及时；倾诉件不计"
            : StageTimeliness.definition
    }

    /// What the valid rate is.
    public static func validRate(_ language: Language) -> String {
        language == .zh ? "有效投诉率 = 当月受理的有效投诉 / 当月报案数（分支机构业务数据）；高于政策项 branch-valid-rate 即为超限"
                        : BranchValidRate.definition
    }

    /// The policy count a density figure divides by.
    public static func densityBasis(_ b: DensityBasis, _ language: Language) -> String {
        guard language == .zh else { return b.definition }
        switch b {
        case .inForce: return "有效保单数 = 每个分支机构取期间内最近一个月的数据，再求和"
        case .new: return "新单件数 = 期间各月、各分支机构之和"
        }
    }
}

extension MetricFigure {
    /// The figure's name in a language (`处理及时率（总体）`), from its Chinese and English names
    /// when it has them, else its label.
    public func label(_ language: Language) -> String {
        (language == .zh ? names?.zh : names?.en) ?? label
    }

    /// The figure's definition in a language.
    public func formula(_ language: Language) -> String {
        language == .zh ? (zhFormula ?? formula) : formula
    }
}
