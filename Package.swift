// swift-tools-version: 6.2
// monk: sync data between monk API servers, tenants and local files; `monk serve` hosts the same API.
// Module layout and allowed imports: see DESIGN.md §2 and STYLE.md §2 (shared/ beside this repository).
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "monk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "monk", targets: ["monk"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        // MARK: Pure layers (no I/O, no Foundation)
        .target(
            name: "MonkCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: upcoming
        ),
        .target(name: "MonkCommandLine", swiftSettings: upcoming),

        // MARK: System libraries
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CGzip",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: I/O layers
        .target(
            name: "MonkArchive",
            dependencies: [
                "MonkCore", "CYAML", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkSync",
            dependencies: [
                "MonkCore", "MonkArchive", "MonkClient", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkClient",
            dependencies: ["MonkCore", "CCurl"],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkStore",
            dependencies: [
                "MonkCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkFixtures",
            path: "fixtures",
            sources: ["FixtureBundle.swift"],
            resources: [.copy("system"), .copy("testing"), .copy("demo")],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkServer",
            dependencies: [
                "MonkCore", "MonkStore", "MonkArchive", "MonkFixtures", "CGzip",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "MonkCLI",
            dependencies: [
                "MonkCore", "MonkCommandLine", "MonkArchive", "MonkClient", "MonkServer", "MonkStore", "MonkSync",
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "monk",
            dependencies: ["MonkCLI"],
            // A release monk links the Swift runtime, Foundation and ICU statically: relocating the shared
            // libraries cost ~5 MB of every run's peak RSS (`monk --version` 33.1 -> 28.2 MB; issue #6).
            // Compiling main.swift with the flag too makes it autolink the static Foundation's own libraries
            // (CoreFoundation, ICU). Debug builds (and the tests) keep dynamic linking, which links faster.
            swiftSettings: upcoming + [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
            ],
            // Linked by lld with packed relative relocations (DT_RELR) and without exporting every symbol: with
            // gold, ld.so read 2.8 MB of RELA entries and 3 MB of dynamic symbols at every start, and their
            // 64 KiB fault-around windows were ~6 MB of a `sync diff`'s peak RSS (40.7 -> 34.2 MB; issue #6).
            // The functions a `sync diff` runs are placed together (scripts/generate-symbol-order writes the
            // list), so a run touches a few MB of code instead of pages all over the 27 MB (34.4 -> 27.7 MB).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                        "-Xlinker", "--no-export-dynamic",
                        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/monk-symbol-order.txt",
                        "-Xlinker", "--no-warn-symbol-ordering",
                    ],
                    .when(platforms: [.linux], configuration: .release)
                )
            ]
        ),
        .executableTarget(
            name: "monk-bench",
            dependencies: [
                "MonkCore", "MonkArchive", "MonkStore", "MonkServer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks",
            swiftSettings: upcoming
        ),

        // MARK: Tests
        .target(
            name: "MonkTestSupport",
            dependencies: ["MonkCore", "MonkCLI"],
            path: "Tests/MonkTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkCoreTests",
            dependencies: ["MonkCore", "MonkTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkClientTests",
            dependencies: ["MonkClient", "MonkCore", "MonkTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkArchiveTests",
            dependencies: ["MonkArchive", "MonkCore", "MonkTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkCommandLineTests",
            dependencies: ["MonkCommandLine", "MonkTestSupport"],
            exclude: ["Golden"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkEndToEndTests",
            dependencies: ["monk", "MonkTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkStoreTests",
            dependencies: ["MonkStore", "MonkCore", "MonkTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkServerTests",
            dependencies: [
                "MonkServer", "MonkStore", "MonkCore", "MonkTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkSyncTests",
            dependencies: [
                "monk", "MonkSync", "MonkCore", "MonkClient", "MonkCLI", "MonkTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Golden"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MonkCLITests",
            dependencies: ["MonkCLI", "MonkCommandLine", "MonkTestSupport"],
            exclude: ["Golden"],
            swiftSettings: upcoming
        ),
    ]
)
