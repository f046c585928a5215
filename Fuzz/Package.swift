// swift-tools-version:6.0
// The coverage-guided fuzzer for every parser that reads outside data (issue 10). Built only by
// `scripts/fuzz`, with `-sanitize=fuzzer` into its own scratch path; the harness
// (`ParserHarness.swift`) is the same file the corpus replay test compiles.
import PackageDescription

let package = Package(
    name: "FuzzParsers",
    dependencies: [.package(name: "ComplaintDutyConsole", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-parsers",
            dependencies: [
                .product(name: "CaseModel", package: "ComplaintDutyConsole"),
                .product(name: "TerminalKit", package: "ComplaintDutyConsole"),
            ],
            path: "Sources/FuzzParsers",
            // libFuzzer brings `main`; the entry point is LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
