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

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point under the module's name (`fuzz_parsers_main`);
/// this one hands the command line to libFuzzer's driver.
@_cdecl("fuzz_parsers_main")
public func fuzzParsersMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var args = argv
    return runFuzzerDriver(&count, &args) { data, size in fuzzOneInput(data, size) }
}
