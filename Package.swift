// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ComplaintDutyConsole",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "console", targets: ["console"]),
        .library(name: "CaseModel", targets: ["CaseModel"]),
        // For the fuzzer package in Fuzz/ (theme and key-binding parsers), without ncurses or screens.
        .library(name: "TerminalKit", targets: ["TerminalKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        // The PostgreSQL backend's client (docs/server-desk.md).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // postgres-nio's own TLS library, named here for its TLS settings (the version it resolves to).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The system's libcrypto for SHA-256 in the audit trail (Sources/CaseModel/Security/SHA256.swift).
        .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto", providers: [.apt(["libssl-dev"])]),
        // A setgid console's per-thread group rights and SQLite VFS (docs/trust-model.md).
        .target(name: "CDeskPrivilege", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Making outside text safe for a terminal and reading files as strict UTF-8: one definition
        // shared by the domain (CaseModel re-exports it) and the terminal engine.
        .target(name: "TextSafety"),
        // The terminal engine: cells, layout, display width, styles and themes, keys and binding
        // files, widgets (table, list cursor, form, box), the text backend. Knows no domain, no ncurses.
        .target(name: "TerminalKit", dependencies: ["TextSafety"]),
        // The ncurses backend: the terminal and its run loop.
        .target(name: "TerminalCurses", dependencies: ["TerminalKit", "CNcurses"]),
        .target(
            name: "CaseModel",
            dependencies: [
                "TextSafety",
                "CDeskPrivilege",
                "CLibCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // The desk on a PostgreSQL server: schema, roles and row-level security, the copy between a
        // file and a server, live changes by LISTEN/NOTIFY (docs/server-desk.md).
        .target(
            name: "DeskServer",
            dependencies: ["CaseModel", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        // The console app: screens, commands, the program that runs effects against the desk.
        .target(name: "ConsoleUI", dependencies: ["CaseModel", "TerminalKit"]),
        .executableTarget(
            name: "console",
            dependencies: [
                "CaseModel", "ConsoleUI", "TerminalKit", "TerminalCurses", "DeskServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "benchmarks",
            dependencies: ["CaseModel", "ConsoleUI", "TerminalKit", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/benchmarks"
        ),
        .executableTarget(
            name: "chaos",
            dependencies: ["CaseModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/chaos"
        ),
        // What every test target shares: finding and spawning the built programs (stdout and stderr
        // apart, on pipes or terminals), scratch directories.
        .target(name: "DeskTestSupport", path: "Tests/DeskTestSupport"),
        // The console's test fixtures: the demo desk, programs over it, a fake desk without SQLite,
        // snapshot assertions, the real binary in tmux.
        .target(name: "ConsoleTestSupport", dependencies: ["ConsoleUI", "CaseModel", "TerminalKit", "DeskTestSupport"],
                path: "Tests/ConsoleTestSupport"),
        // The security suite's desks and the confidentiality matrix's calls, shared by the file
        // matrix (SecurityTests) and the server's (ServerTests).
        .target(name: "MatrixSupport", dependencies: ["CaseModel", "DeskTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                path: "Tests/MatrixSupport"),
        .testTarget(name: "SecurityTests", dependencies: ["CaseModel", "ConsoleUI", "TerminalKit", "console", "DeskTestSupport", "ConsoleTestSupport", "MatrixSupport",
                                                  .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReliabilityTests", dependencies: ["CaseModel", "ConsoleUI", "TerminalKit", "DeskTestSupport", "ConsoleTestSupport",
                                                     .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "CaseModel", "TerminalKit", "DeskTestSupport", "ConsoleTestSupport",
                                                   .product(name: "GRDB", package: "GRDB.swift")], exclude: ["__Snapshots__"]),
        // The test cluster (scripts/pg-cluster) and a database per test, for every target that
        // runs against a server.
        .target(name: "ServerTestSupport", dependencies: ["DeskServer", "CaseModel", "DeskTestSupport"], path: "Tests/ServerTestSupport"),
        .testTarget(name: "ServerTests", dependencies: ["DeskServer", "CaseModel", "DeskTestSupport", "ConsoleTestSupport", "MatrixSupport", "ServerTestSupport",
                                                .product(name: "PostgresNIO", package: "postgres-nio"),
                                                .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TextSafety"]),
        .testTarget(name: "CaseModelTests", dependencies: ["CaseModel", "DeskTestSupport", "DeskServer", "ServerTestSupport",
                                                   .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
