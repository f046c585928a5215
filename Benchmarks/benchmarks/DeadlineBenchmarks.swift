import CaseModel
import Foundation

/// Deadline computations per second, and the engine against a slow, obviously correct reference.
enum DeadlineBenchmarks {
    struct Input { let calendar: WorkCalendar; let from: Instant; let allowance: Allowance }

    static func inputs(_ n: Int) -> [Input] {
        let set = CalendarSet.defaults
        let calendars = ["business", "duty", "24x7"].map { set[$0]! }
        var rng = DemoRandom(seed: 42)
        let start = DeskTime.standard.parse("2025-01-01T00:00:00+08:00")!.seconds
        let end = DeskTime.standard.parse("2026-12-31T00:00:00+08:00")!.seconds
        let allowances: [Allowance] = [Allowance(2, .workingHours), Allowance(1, .workingHours), Allowance(90, .workingMinutes),
                                       Allowance(3, .workingDays), Allowance(5, .workingDays), Allowance(1, .workingDays),
                                       Allowance(15, .calendarDays), Allowance(30, .calendarDays), Allowance(1, .sameDay)]
        return (0..<n).map { _ in
            Input(calendar: rng.pick(calendars), from: Instant(seconds: start + Int64(rng.int(0...Int(end - start)))),
                  allowance: rng.pick(allowances))
        }
    }

    static func run() {
        let n = 2_000_000
        let all = inputs(n)
        var checksum: Int64 = 0
        let t0 = Timing.now()
        for i in all { checksum &+= i.calendar.deadline(for: i.allowance, from: i.from).due.seconds }
        let seconds = Timing.now() - t0
        print(String(format: "engine: %d mixed deadline computations in %.3f s = %.2f million/s on one core (checksum %lld)",
                     n, seconds, Double(n) / seconds / 1e6, checksum))

        // Engine vs reference on the same inputs.
        let sample = Array(all.prefix(3000))
        var mismatches = 0
        let r0 = Timing.now()
        var reference: [Instant] = []
        for i in sample { reference.append(Reference.deadline(i.calendar, i.allowance, i.from)) }
        let refSeconds = Timing.now() - r0
        let e0 = Timing.now()
        var engine: [Instant] = []
        for _ in 0..<100 { engine = sample.map { $0.calendar.deadline(for: $0.allowance, from: $0.from).due } }
        let engineSeconds = (Timing.now() - e0) / 100
        for (a, b) in zip(reference, engine) where a != b { mismatches += 1 }
        print(String(format: "reference (minute/day stepping): %d inputs in %.3f s; engine %.6f s: %.0fx faster, %d mismatches",
                     sample.count, refSeconds, engineSeconds, refSeconds / engineSeconds, mismatches))
        let elapsed0 = Timing.now()
        var total: Int64 = 0
        for i in all.prefix(1_000_000) { total &+= i.calendar.workingSeconds(from: i.from, to: i.from.adding(seconds: 7 * 86_400)) }
        print(String(format: "working time elapsed over a week: %.2f million/s (checksum %lld)", 1.0 / (Timing.now() - elapsed0), total))
    }

    /// Steps minute by minute (hour units) or day by day (day units) through `dayInfo`: slow and plain.
    enum Reference {
        static func deadline(_ cal: WorkCalendar, _ a: Allowance, _ from: Instant) -> Instant {
            switch a.unit {
            case .workingMinutes, .workingHours:
                var left = a.unit == .workingHours ? a.amount * 60 : a.amount
                var t = from
                // Start at the next working instant, then consume whole minutes.
                while !working(cal, t) { t = t.adding(seconds: 60 - (t.seconds % 60 == 0 ? 0 : t.seconds % 60)) }
                var last = t
                while left > 0 {
                    if working(cal, t) { left -= 1; last = t.adding(seconds: 60) }
                    t = t.adding(seconds: 60)
                }
                return last
            case .workingDays:
                var d = cal.civilDate(of: from)
                var n = a.amount
                while n > 0 { d = d.adding(days: 1); if cal.dayInfo(d).isWorkingDay { n -= 1 } }
                return close(cal, d)
            case .calendarDays:
                var d = cal.civilDate(of: from).adding(days: a.amount)
                while !cal.dayInfo(d).isWorkingDay { d = d.adding(days: 1) }
                return close(cal, d)
            case .sameDay:
                return cal.endOfSameDay(from: from).due
            }
        }

        static func working(_ cal: WorkCalendar, _ t: Instant) -> Bool {
            let info = cal.dayInfo(cal.civilDate(of: t))
            let offset = Int(t.seconds - DeskTime.standard.instant(CivilDateTime(date: info.date, hour: 0, minute: 0)).seconds)
            return info.periods.contains { offset >= $0.start && offset < $0.end }
        }

        static func close(_ cal: WorkCalendar, _ d: CivilDate) -> Instant {
            let end = cal.dayInfo(d).periods.last!.end
            return DeskTime.standard.instant(CivilDateTime(date: d, hour: 0, minute: 0)).adding(seconds: Int64(end))
        }
    }
}
