/// Hook for benchmark groups kept in their own files (the console's screen benchmarks).
func runExtraBenchmark(_ args: [String]) -> Bool { false }
