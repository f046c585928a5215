// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ComplaintDutyConsole",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "console", targets: ["console"]),
        .library(name: "CaseModel", targets: ["CaseModel"]),
        // For the fuzzer package in Fuzz/ (theme and key-map parsers).
        .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // A setgid console's per-thread group rights and SQLite VFS (docs/trust-model.md).
        .target(name: "CDeskPrivilege", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "CaseModel",
            dependencies: [
                "CDeskPrivilege",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "ConsoleUI", dependencies: ["CaseModel", "CNcurses"]),
        .executableTarget(
            name: "console",
            dependencies: [
                "CaseModel", "ConsoleUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "benchmarks",
            dependencies: ["CaseModel", "ConsoleUI", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/benchmarks"
        ),
        .executableTarget(
            name: "chaos",
            dependencies: ["CaseModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/chaos"
        ),
        // What the test targets that run the real binary share (spawning it, scratch directories).
        .target(name: "DeskTestSupport", path: "Tests/DeskTestSupport"),
        .testTarget(name: "SecurityTests", dependencies: ["CaseModel", "ConsoleUI", "console", "DeskTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReliabilityTests", dependencies: ["CaseModel", "ConsoleUI", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "CaseModel"], exclude: ["__Snapshots__"]),
        .testTarget(name: "CaseModelTests", dependencies: ["CaseModel", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
