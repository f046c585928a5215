/// Arithmetic that reaches the nearest bound instead of stopping the program.
///
/// Swift traps on integer overflow and on converting an out-of-range `Double` to an integer. Values
/// from the file are checked on reading (`StoredRow`), but sums, differences and conversions over
/// them, and over instants from clocks and policies, use these so that no combination of values
/// can end the program (docs/input-bounds.md).
extension FixedWidthInteger {
    /// `self + other`, or the nearest representable value when it overflows.
    @inlinable public func addingClamped(_ other: Self) -> Self {
        let (r, overflow) = addingReportingOverflow(other)
        guard overflow else { return r }
        return other > 0 ? .max : .min
    }

    /// `self - other`, or the nearest representable value when it overflows.
    @inlinable public func subtractingClamped(_ other: Self) -> Self {
        let (r, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return r }
        return other > 0 ? .min : .max
    }

    /// `self * other`, or the nearest representable value when it overflows.
    @inlinable public func multipliedClamped(by other: Self) -> Self {
        let (r, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return r }
        return (self < 0) == (other < 0) ? .max : .min
    }
}

extension Sequence where Element: FixedWidthInteger {
    /// The sum of the elements, stopping at the type's bounds instead of overflowing.
    @inlinable public func clampedSum() -> Element { reduce(0) { $0.addingClamped($1) } }
}

extension Int {
    /// The nearest `Int` to a `Double`: NaN is 0, values beyond the range are its ends.
    @inlinable public init(clamping d: Double) {
        if d.isNaN { self = 0 }
        else if d >= 9.223372036854775e18 { self = .max }
        else if d <= -9.223372036854775e18 { self = .min }
        else { self = Int(d) }
    }
}

extension Int64 {
    /// The nearest `Int64` to a `Double`: NaN is 0, values beyond the range are its ends.
    @inlinable public init(clamping d: Double) { self = Int64(Int(clamping: d)) }
}
