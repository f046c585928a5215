import Foundation

/// Wall-clock timing helpers for the benchmarks.
enum Timing {
    /// Seconds since an arbitrary origin, monotonic.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` `runs` times and returns the sorted durations in milliseconds.
    /// CPU seconds this process has used (user + system), to tell computing from waiting.
    static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func samples(_ runs: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var out: [Double] = []
        for _ in 0..<runs {
            let t0 = now()
            try body()
            out.append((now() - t0) * 1000)
        }
        return out.sorted()
    }

    /// `1.23 ms` (the median of sorted samples).
    static func median(_ ms: [Double]) -> String { String(format: "%.2f ms", ms[ms.count / 2]) }

    /// `median 1.23 ms, p95 1.50 ms, min 1.10 ms`.
    static func summary(_ ms: [Double]) -> String {
        let med = ms[ms.count / 2], p95 = ms[min(ms.count - 1, Int(Double(ms.count) * 0.95))]
        return String(format: "median %.3f ms, p95 %.3f ms, min %.3f ms (%d runs)", med, p95, ms[0], ms.count)
    }
}
