/// Hook for benchmark groups kept in their own files (the console's screen benchmarks).
func runExtraBenchmark(_ args: [String]) -> Bool {
    switch args.first {
    case "tui":
        do { try TUIBenchmark.run(Array(args.dropFirst())) } catch { print("tui benchmark failed: \(error)") }
        return true
    case "tui-tick", "tui-scroll":
        do { try TUIBenchmark.single(args[0], Array(args.dropFirst())) } catch { print("failed: \(error)") }
        return true
    case "tui-move-all":
        do { try MoveAllFrameBenchmark.run(Array(args.dropFirst())) } catch { print("move-all frame benchmark failed: \(error)") }
        return true
    case "intake":
        do { try IntakeBenchmark.run(Array(args.dropFirst())) } catch { print("intake benchmark failed: \(error)") }
        return true
    case "mapped-import":
        do { try MappedImportBenchmark.run(Array(args.dropFirst())) } catch { print("mapped import benchmark failed: \(error)") }
        return true
    case "search" where args.count == 2:
        do { try SearchBenchmarks.run(db: args[1]) } catch { print("search benchmark failed: \(error)") }
        return true
    default:
        return false
    }
}
