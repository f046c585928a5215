/// The words a report prints beside its figures, in the reader's language: each metric's
/// definition and unit, and the notes under the tables (docs/metrics.md).
///
/// The English texts are the figures' own (`MetricFigure.formula`, `StageTimeliness.definition`,
/// …) and stay in JSON and CSV, whose readers are programs; a person reading the table in Chinese
/// reads the same definitions in Chinese.
public enum MetricWording {
    /// A figure's definition in `language`.
    public static func formula(_ f: MetricFigure, _ language: Language) -> String {
        guard language == .zh else { return f.formula }
        let key = f.key
        if key.hasPrefix("on_time_rate") { return "时限内办结的环节数 / 已办结的环节数" }
        switch key {
        case "complaints": return "期内受理的案件（按受理时间，北京时间）"
        case "withdrawal_before_transfer_rate": return "来源非监管转办的撤诉案件 / 期内受理的全部案件"
        case "mediation_success_rate": return "结案依据为「客户认可」的案件 / 结案依据为认可或依法依规的案件（无效投诉除外）"
        case "per_100m_premium": return "投诉量 / (期内各月、各机构保费收入之和，元 / 100,000,000)"
        case "per_10k_policies":
            let basis = f.formula.contains(DensityBasis.new.definition) ? "新单件数 = 期内各月、各机构之和" : "有效保单件数 = 各机构取期内最近一个月的数，再求和"
            return "投诉量 / (保单件数 / 10,000)；" + basis
        case "per_10k_insured": return "投诉量 / (被保险人数 / 10,000)；被保险人数 = 各机构取期内最近一个月的数，再求和"
        case "change_rate": return "(本期投诉量 − 上期投诉量) / 上期投诉量"
        case "valid_complaints": return "期内受理、认定为有效的案件"
        case "valid_change_rate": return "(本期有效投诉 − 上期有效投诉) / 上期有效投诉"
        case "repeat_second": return "重复次数为 2 的案件 / 期内受理的全部案件"
        case "repeat_third_plus": return "重复次数 ≥ 3 的案件 / 期内受理的全部案件"
        case "first_contact_avg_hours": return "自受理至首次联系的业务日历工作时间的平均值，已联系的案件（倾诉件除外）"
        case "first_contact_p90_hours": return "同一组用时的 90 分位（按序第 ⌈0.9·n⌉ 个）"
        case "close_avg_hours": return "自受理至结案的业务日历工作时间的平均值，已结案的案件（倾诉件除外）"
        case "close_p90_hours": return "同一组用时的 90 分位"
        case "valid_rate": return branchValidRate(language)
        default: return f.formula
        }
    }

    /// A figure's unit in `language`.
    public static func unit(_ unit: String, _ language: Language) -> String {
        guard language == .zh else { return unit }
        switch unit {
        case "cases": return "件"
        case "per 100M yuan": return "件/亿元保费"
        case "per 10k policies": return "件/万张保单"
        case "per 10k insured": return "件/万人"
        case "working hours": return "工作小时"
        default: return unit
        }
    }

    /// What "on time" counts (`StageTimeliness.definition`).
    public static func onTime(_ language: Language) -> String {
        language == .zh
            ? "及时：已办结 = 记录了环节的完成（联系、提交、审批、结案、回访；整体为结案）；时限内 = 完成时间不晚于该环节按政策计算的应办结时间（按案件当时的时限，含升级改列和延期）；整体及时 = 已办结的每个环节都及时；倾诉件不计"
            : "on time: " + StageTimeliness.definition
    }

    /// How shares are rounded (`Shares.rule`).
    public static func shares(_ language: Language) -> String {
        language == .zh ? "占比：按最大余数法保留两位小数，各项之和恰为 100.00%" : Shares.rule
    }

    /// What the branch valid rate is (`BranchValidRate.definition`).
    public static func branchValidRate(_ language: Language) -> String {
        language == .zh ? "有效率 = 当月受理的有效投诉 / 当月报案数（机构数据）；高于政策 branch-valid-rate 即为超限" : BranchValidRate.definition
    }
}
