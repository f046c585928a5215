import CaseModel
import Foundation

/// One line on standard error that says how far long work has got — count, rate and, when the
/// total is known, the time left — redrawn in place at most ten times a second and cleared when
/// the work ends (docs/bulk-data.md, "Progress").
///
/// Shown only when standard error is a terminal and `--quiet` was not given: a pipe, a log or a
/// script gets nothing, so output stays byte for byte what it was. Written through
/// `ConsoleOutput`, which makes the text harmless and owns the one escape that clears the line.
final class ProgressLine {
    /// Whether the line is drawn at all.
    let shown: Bool
    private let label: String
    private let unit: String
    private var total: Int?
    private let started: UInt64
    private var lastDrawn: UInt64 = 0
    private var drawnOnce = false
    private var finished = false

    /// The shortest time between two redraws.
    static let interval: UInt64 = 100_000_000

    /// A line for work called `label` (`importing`) that counts `unit`s (`cases`).
    init(_ label: String, unit: String, total: Int? = nil, quiet: Bool) {
        self.label = label
        self.unit = unit
        self.total = total
        shown = !quiet && ConsoleOutput.errorIsTerminal
        started = Self.monotonicNanoseconds()
    }

    /// Sets the total once it is known (nil while the line is not shown, so nobody counts for nothing).
    var expect: ((Int) -> Void)? {
        guard shown else { return nil }
        return { [self] n in total = n }
    }

    /// What CaseModel work reports to (nil while the line is not shown: nothing to report to).
    var sink: ProgressSink? {
        guard shown else { return nil }
        return { [self] done, fraction in update(done, fraction: fraction) }
    }

    /// Reports `done` units finished (and the share of the work behind them, when the work knows
    /// it better than a count: an import's bytes); draws when the last drawing is a tenth of a
    /// second old.
    func update(_ done: Int, fraction: Double? = nil) {
        guard shown, !finished else { return }
        let now = Self.monotonicNanoseconds()
        if drawnOnce && now &- lastDrawn < Self.interval { return }
        lastDrawn = now
        drawnOnce = true
        ConsoleOutput.progress(text(done: done, fraction: fraction, elapsed: Double(now &- started) / 1e9))
    }

    /// Clears the line (again harmless when it was never drawn).
    func finish() {
        guard shown, !finished else { return }
        finished = true
        if drawnOnce { ConsoleOutput.clearProgress() }
    }

    /// `importing 412,000 / 995,000 cases · 48,210/s · about 12 s left`.
    func text(done: Int, fraction: Double? = nil, elapsed: Double) -> String {
        var parts = ["\(label) \(Self.grouped(done))" + (total.map { " / \(Self.grouped($0))" } ?? "") + " \(unit)"]
        let rate = elapsed > 0.05 ? Double(done) / elapsed : 0
        let share = fraction ?? total.map { $0 > 0 ? Double(done) / Double($0) : 1 }
        if let f = share, fraction != nil { parts.append("\(Int((f * 100).rounded(.down).clamped(to: 0...100)))%") }
        if rate > 0 {
            parts.append("\(Self.grouped(Int(rate)))/s")
            if let f = share, f > 0.001, f < 1 {
                parts.append("about \(Self.duration(elapsed * (1 - f) / f)) left")
            }
        }
        return parts.joined(separator: " · ")
    }

    /// `1,234,567` (the one digit grouping, `DeskBounds.show`).
    static func grouped(_ n: Int) -> String { DeskBounds.show(n) }

    /// `12 s`, `3 min 5 s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up).clamped(to: 0...1e9))
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }
}

private extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}
