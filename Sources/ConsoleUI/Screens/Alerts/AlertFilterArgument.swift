import CaseModel
import TerminalKit

/// The filter `:ack` takes: `rule=new-major branch=上海分公司 level=info handler=李强 new=yes`,
/// words in any order, each key at most once (docs/alerts.md, "Acknowledging"). Always
/// unacknowledged alerts; a filter that names nothing is refused, so `:ack` cannot take the whole
/// desk by a slip.
enum AlertFilterArgument {
    /// What the words may name.
    static let keys = ["rule", "level", "branch", "handler", "new"]

    /// Why a filter was refused; the status line shows it.
    enum Problem: Error, Equatable {
        case empty
        case notKeyValue(String)
        case unknownKey(String)
        case repeated(String)
        case badValue(key: String, value: String, allowed: String)

        func message(_ st: ConsoleSettings) -> String {
            let keys = AlertFilterArgument.keys.map { $0 + "=" }.joined(separator: " ")
            switch self {
            case .empty:
                return st.t("ack: 请给出筛选条件,如 ack rule=new-major branch=上海分公司(可用 \(keys))",
                            "ack: give a filter, e.g. ack rule=new-major branch=上海分公司 (keys: \(keys))")
            case .notKeyValue(let w):
                return st.t("ack: “\(SafeText.sanitize(w))”不是 键=值(可用 \(keys))", "ack: '\(SafeText.sanitize(w))' is not key=value (keys: \(keys))")
            case .unknownKey(let k):
                return st.t("ack: 未知的条件 \(SafeText.sanitize(k))(可用 \(keys))", "ack: unknown key \(SafeText.sanitize(k)) (keys: \(keys))")
            case .repeated(let k):
                return st.t("ack: 条件 \(k) 重复", "ack: \(k) given twice")
            case .badValue(let k, let v, let allowed):
                return st.t("ack: \(k) 的值 \(SafeText.sanitize(v)) 无效(可选 \(allowed))", "ack: \(k)=\(SafeText.sanitize(v)) is not valid (one of \(allowed))")
            }
        }
    }

    /// Parses the words after `:ack` into a filter of unacknowledged alerts.
    static func parse(_ text: String) -> Result<AlertListFilter, Problem> {
        var f = AlertListFilter(acknowledged: false)
        var seen: Set<String> = []
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return .failure(.empty) }
        for w in words {
            guard let eq = w.firstIndex(of: "="), eq != w.startIndex else { return .failure(.notKeyValue(w)) }
            let key = String(w[..<eq]).lowercased(), value = String(w[w.index(after: eq)...])
            guard keys.contains(key) else { return .failure(.unknownKey(key)) }
            guard seen.insert(key).inserted else { return .failure(.repeated(key)) }
            switch key {
            case "rule":
                guard let r = AlertRule(rawValue: value) else {
                    return .failure(.badValue(key: key, value: value, allowed: AlertRule.allCases.map(\.rawValue).joined(separator: "|")))
                }
                f.rule = r
            case "level":
                guard let l = AlertLevel(rawValue: value) else {
                    return .failure(.badValue(key: key, value: value, allowed: AlertLevel.allCases.map(\.rawValue).joined(separator: "|")))
                }
                f.level = l
            case "branch":
                guard !value.isEmpty else { return .failure(.badValue(key: key, value: value, allowed: "…")) }
                f.branch = value
            case "handler":
                // An empty value is "no handler", as the desk's filter takes it.
                f.handler = value
            default: // new
                guard value == "yes" || value == "no" else { return .failure(.badValue(key: key, value: value, allowed: "yes|no")) }
                f.onlyNew = value == "yes"
            }
        }
        return .success(f)
    }
}
