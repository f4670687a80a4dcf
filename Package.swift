// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "motcua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The provincial database's driver (issue 15); only MotCuaProvince and the CLI link it.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // SHA-256 at the CPU's speed for the journal's chain (issue 12): already built for
        // postgres-nio, so no build time is added (Docs/DECISIONS.md).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0" ..< "5.0.0"),
    ],
    targets: [
        // The domain: calendar, deadlines, dossiers, statistics. No file, clock or terminal I/O.
        .target(
            name: "MotCuaCore",
            resources: [
                .embedInCode("Resources/official-holidays.json"),
                .embedInCode("Resources/sample-catalogue.json"),
                .embedInCode("Resources/forms/form-receipt.json"),
                .embedInCode("Resources/forms/form-supplement-request.json"),
                .embedInCode("Resources/forms/form-refusal.json"),
                .embedInCode("Resources/forms/form-apology.json"),
                .embedInCode("Resources/forms/form-control-slip.json"),
                .embedInCode("Resources/forms/form-register.json"),
                .embedInCode("Resources/notifications/notifications-v1.json"),
                .embedInCode("Resources/forms/form-fee-receipt.json"),
            ]
        ),
        // The multi-clerk store: journal, locking, durable appends, index snapshots.
        .target(name: "MotCuaStore", dependencies: ["MotCuaCore", .product(name: "Crypto", package: "swift-crypto")]),
        // The desk's use cases shared by the CLI and the terminal app: queue, commands that return
        // what they wrote, supervisors' reports, forms, names. Above the store, below both faces.
        .target(name: "MotCuaDesk", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaSync"]),
        // The national portal's outbox: settings, HTTP through libcurl (CCurl), the journal projected
        // onto DongBoHoSoMC/CapNhatTienDoHoSoMC with a durable cursor (Docs/INTEROP.md).
        .target(name: "MotCuaSync", dependencies: ["MotCuaCore", "MotCuaStore", "CCurl"]),
        // libcurl through dlopen, for the portal's HTTP: loaded by the commands that send, not by
        // every process (FoundationNetworking's libraries cost each command ~10 ms at start).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // The province: a centre's journal replicated into PostgreSQL, read back through Core's fold
        // (Docs/PROVINCE.md). The only target that links postgres-nio.
        .target(name: "MotCuaProvince", dependencies: [
            "MotCuaCore", "MotCuaStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Pure terminal UI toolkit: cells, widths, screen buffer, keys, text fields, theme roles.
        .target(name: "TerminalUI"),
        // The only module that imports ncurses.
        .target(name: "NcursesBackend", dependencies: ["TerminalUI", "CNcursesw"]),
        // The clerk's terminal app: state, update, render, key maps, runtime loop.
        .target(name: "MotCuaTUI", dependencies: ["MotCuaCore", "MotCuaDesk", "TerminalUI"]),
        // The system ncursesw library; only NcursesBackend may import it.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .executableTarget(
            name: "motcua",
            dependencies: [
                "MotCuaCore",
                "MotCuaStore",
                "MotCuaDesk",
                "MotCuaSync",
                "MotCuaProvince",
                "TerminalUI",
                "NcursesBackend",
                "MotCuaTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark harness: release-built, prints one JSON document (Docs/PERFORMANCE.md).
        .executableTarget(name: "motcua-bench", dependencies: ["MotCuaCore", "MotCuaStore", "MotCuaDesk", "MotCuaTUI", "TerminalUI"]),
        // Sample dossiers shared by the test targets.
        .target(name: "MotCuaTestSupport", dependencies: ["MotCuaCore", "MotCuaStore"], path: "Tests/MotCuaTestSupport"),
        .testTarget(name: "MotCuaCoreTests", dependencies: ["MotCuaCore"], exclude: ["Golden"]),
        .testTarget(name: "MotCuaStoreTests", dependencies: ["MotCuaStore", "MotCuaCore", "MotCuaSync", "MotCuaDesk", "MotCuaTestSupport"]),
        .testTarget(name: "MotCuaDeskTests", dependencies: ["MotCuaDesk", "MotCuaStore", "MotCuaCore", "MotCuaSync", "MotCuaTestSupport"]),
        .testTarget(name: "MotCuaProvinceTests", dependencies: ["MotCuaProvince", "MotCuaStore", "MotCuaCore", "MotCuaTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "MotCuaTUITests", dependencies: ["MotCuaTUI", "MotCuaDesk", "MotCuaCore", "MotCuaStore", "TerminalUI", "NcursesBackend", "MotCuaTestSupport"],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
