import Foundation

/// Which parser this run fuzzes: `FUZZ_PARSER` (one of `ParserHarness.parsers`).
enum FuzzTarget {
    static let parser = ProcessInfo.processInfo.environment["FUZZ_PARSER"] ?? "csv"
}

/// libFuzzer's entry point: one input through the chosen parser. A crash, a hang (-timeout)
/// or unbounded memory (-rss_limit_mb) is a finding; a refused input is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    ParserHarness.run(FuzzTarget.parser, Data(bytes: data, count: size))
    return 0
}
