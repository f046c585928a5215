import Foundation

// Benchmarks are not tests: each prints figures for BENCHMARKS.md. `scripts/bench` runs them all.
let args = Array(CommandLine.arguments.dropFirst())
let usage = """
usage: benchmarks deadlines            deadline computations per second, engine vs reference
       benchmarks queries DB           queue queries on a database (matrix counts, nearest 200)
       benchmarks recompute DB         every clock of the open cases
       benchmarks alerts DB            alert evaluation ticks (on a copy)
       benchmarks reports DB [Q] [D1..D2]  quarter metrics (2026-Q1) and the 11-day holiday summary
       benchmarks assign DB            assign board, move-all plan and write, alert list, acknowledging, Tab completion (on a copy)
       benchmarks tui --db DB          the full-screen console: first frame, keys, ticks, memory
       benchmarks tui-tick|tui-scroll --db DB    one tick or scroll, for callgrind
       benchmarks tui-move-all --db DB    frames while the busiest handler's cases are moved (on a copy)
       benchmarks intake --db DB       intake form: repeat suggestions per keystroke, save (writes: use a copy)
       benchmarks search DB            searches as `list --search` makes them: first 200 and the count (issue 19)
       benchmarks mapped-import [ROWS]     mapped CSV import: first, re-import, dry run (rows/s, peak memory)
       benchmarks mapped-import gen FILE MB    a CFPB-style export of MB megabytes and its mapping (FILE.map)
"""
guard let command = args.first else { print(usage); exit(2) }
switch command {
case "deadlines": DeadlineBenchmarks.run()
case "queries" where args.count == 2: try StoreBenchmarks.queries(db: args[1])
case "recompute" where args.count == 2: try StoreBenchmarks.recompute(db: args[1])
case "alerts" where args.count == 2: try AlertBenchmarks.run(db: args[1])
case "reports" where args.count == 2: try ReportBenchmarks.run(db: args[1])
case "reports" where args.count == 4: try ReportBenchmarks.run(db: args[1], quarter: args[2], window: args[3])
case "assign" where args.count == 2: try AssignBenchmarks.run(db: args[1])
default:
    if !runExtraBenchmark(args) { print(usage); exit(2) }
}
