/// Shares of a total rounded so that the displayed figures add up to exactly 100.
///
/// Rounding rule (stated in every report): each share is a whole number of units of
/// 10^-decimals percent. Every item first gets the floor of its exact share; the units still
/// missing to reach 100% go one each to the items with the largest remainders (Hamilton's
/// largest-remainder method); equal remainders go to the larger count, then to the earlier item.
/// With 2 decimals the shares are hundredths of a percent and always sum to 100.00.
public enum Shares {
    /// The rounding rule, as printed beside breakdowns.
    public static let rule = "shares: largest-remainder rounding to 2 decimals, so displayed shares sum to exactly 100.00%"

    /// Shares of `counts` in units of 10^-decimals percent (hundredths of a percent for 2 decimals).
    /// All zeros when the total is zero.
    public static func units(_ counts: [Int], decimals: Int = 2) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        var scale = 100
        for _ in 0..<max(0, decimals) { scale *= 10 }
        var out = counts.map { $0 * scale / total }
        let remainders = counts.map { $0 * scale % total }
        var missing = scale - out.reduce(0, +)
        let order = counts.indices.sorted {
            if remainders[$0] != remainders[$1] { return remainders[$0] > remainders[$1] }
            if counts[$0] != counts[$1] { return counts[$0] > counts[$1] }
            return $0 < $1
        }
        for i in order where missing > 0 {
            out[i] += 1
            missing -= 1
        }
        return out
    }

    /// A share in hundredths of a percent as text: `12.34`.
    public static func text(hundredths u: Int) -> String {
        let whole = u / 100, frac = u % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
