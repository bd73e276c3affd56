// swift-tools-version: 6.0
import PackageDescription

/// The parser and the validator call across module boundaries millions of times per file:
/// cross-module optimisation lets the compiler inline those calls and drop reference counting.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
  name: "renkei",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "renkei", targets: ["renkei"]),
    .library(name: "RenkeiCore", targets: ["RenkeiCore"]),
    .library(name: "RenkeiFormats", targets: ["RenkeiFormats"]),
    .library(name: "RenkeiReport", targets: ["RenkeiReport"]),
    .library(name: "RenkeiValidation", targets: ["RenkeiValidation"]),
    .library(name: "RenkeiSchema", targets: ["RenkeiSchema"]),
    .library(name: "RenkeiTabular", targets: ["RenkeiTabular"]),
    .library(name: "RenkeiJapanese", targets: ["RenkeiJapanese"]),
    .library(name: "RenkeiConformance", targets: ["RenkeiConformance"]),
    .library(name: "RenkeiBroker", targets: ["RenkeiBroker"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(
      name: "CLibYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    // Exact JSON value, parser and writer; findings and locations.
    .target(name: "RenkeiCore", swiftSettings: hotPath),
    // Readers for YAML (libyaml) and XML/XSD (libxml2) into the core model.
    .target(name: "RenkeiFormats", dependencies: ["RenkeiCore", "CLibXML2", "CLibYAML"]),
    // ECMA-262 regular expressions (JSON Schema `pattern`, `format: regex`).
    .target(name: "RenkeiRegex"),
    // Validators for string formats (date-time, email, hostname, uri, ...), shared by JSON Schema
    // `format` and tabular checks.
    .target(name: "RenkeiStringFormats", dependencies: ["RenkeiRegex"]),
    // JSON Schema drafts 4 to 2020-12: registry, compiler, validator.
    .target(
      name: "RenkeiSchema", dependencies: ["RenkeiCore", "RenkeiRegex", "RenkeiStringFormats"],
      resources: [.copy("MetaSchemas")], swiftSettings: hotPath),
    // Data models: Smart Data Models catalogue, NGSI-LD / NGSI v2 representations and payload
    // rules, GeoJSON (RFC 7946).
    .target(name: "RenkeiModels", dependencies: ["RenkeiCore", "RenkeiSchema", "RenkeiStringFormats"]),
    // Tabular data: streaming CSV reader (encodings, dialects, structure), Table Schema validation.
    .target(name: "RenkeiTabular", dependencies: ["RenkeiCore", "RenkeiStringFormats"], swiftSettings: hotPath),
    // HTTP/1.1 server (reference broker, notification receiver, test servers) and a client that
    // sends exactly the headers it is given.
    .target(
      name: "RenkeiHTTP",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]),
    // Japanese text: 和暦 dates, width folding, phone numbers, katakana, 曜日, 全国地方公共団体コード,
    // coordinates in Japan. Shared by the dataset checks and the converter.
    .target(name: "RenkeiJapanese", swiftSettings: hotPath),
    // The Japanese standard-dataset profiles (profiles/datasets/*.yaml): detection, header and
    // cell checks, plugged into the CSV validation run.
    .target(
      name: "RenkeiDatasets", dependencies: ["RenkeiCore", "RenkeiFormats", "RenkeiTabular", "RenkeiJapanese"],
      swiftSettings: hotPath),
    // Conformance runner: YAML test cases, expectations, verdicts, notification receiver, mock
    // context sources, reports, coverage against ETSI test purposes, the self-check's mutating proxy.
    .target(
      name: "RenkeiConformance",
      dependencies: ["RenkeiCore", "RenkeiFormats", "RenkeiHTTP", "RenkeiRegex", "RenkeiReport", "RenkeiSchema"]),
    // Reference NGSI-LD broker behind `renkei serve ngsi-ld`: in memory, offline, per tenant.
    .target(
      name: "RenkeiBroker", dependencies: ["RenkeiCore", "RenkeiHTTP", "RenkeiStringFormats"]),
    // One reporter per output format.
    .target(
      name: "RenkeiReport", dependencies: ["RenkeiCore"],
      resources: [.copy("Schemas")]),
    // File discovery, format detection and the validation pipeline behind `renkei validate`.
    .target(
      name: "RenkeiValidation",
      dependencies: [
        "RenkeiCore", "RenkeiFormats", "RenkeiSchema", "RenkeiModels", "RenkeiTabular", "RenkeiDatasets",
      ]),
    // Conversion of open data (CSV, JSON, JSON Lines, XML) to NGSI-LD, NGSI v2, GeoJSON, JSON-LD and
    // clean standard CSV, driven by mappings (profiles/mappings/).
    .target(
      name: "RenkeiConvert",
      dependencies: [
        "RenkeiCore", "RenkeiFormats", "RenkeiHTTP", "RenkeiJapanese", "RenkeiModels", "RenkeiSchema",
        "RenkeiTabular",
      ],
      swiftSettings: hotPath),
    .executableTarget(
      name: "renkei",
      dependencies: [
        "RenkeiBroker", "RenkeiConformance", "RenkeiConvert", "RenkeiCore", "RenkeiDatasets", "RenkeiFormats",
        "RenkeiHTTP", "RenkeiModels", "RenkeiReport", "RenkeiSchema", "RenkeiTabular", "RenkeiValidation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // libxml2 for tests, behind Swift-only API: libxml2's headers bring in the system ICU, which
    // clashes with Foundation's copy in any compilation that sees both.
    .target(name: "XMLTestSupport", dependencies: ["CLibXML2"], path: "Tests/XMLTestSupport"),
    .testTarget(name: "RenkeiCoreTests", dependencies: ["RenkeiCore"]),
    .testTarget(name: "RenkeiRegexTests", dependencies: ["RenkeiRegex"]),
    .testTarget(
      name: "RenkeiHTTPTests",
      dependencies: [
        "RenkeiHTTP", .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]),
    .testTarget(name: "RenkeiJapaneseTests", dependencies: ["RenkeiJapanese"]),
    .testTarget(
      name: "RenkeiDatasetsTests", dependencies: ["RenkeiDatasets", "RenkeiTabular", "RenkeiCore", "RenkeiJapanese"]),
    .testTarget(
      name: "RenkeiConvertTests",
      dependencies: ["RenkeiConvert", "RenkeiCore", "RenkeiHTTP", "RenkeiModels", "RenkeiTabular"],
      // The IMI vectors are read through #filePath, not bundled.
      exclude: ["Fixtures"]),
    .testTarget(name: "RenkeiStringFormatsTests", dependencies: ["RenkeiStringFormats", "RenkeiCore"]),
    .testTarget(name: "RenkeiSchemaTests", dependencies: ["RenkeiSchema", "RenkeiCore"]),
    // The GeoJSON fixtures are read through #filePath, not bundled.
    .testTarget(name: "RenkeiModelsTests", dependencies: ["RenkeiModels", "RenkeiCore"], exclude: ["Fixtures"]),
    .testTarget(
      name: "RenkeiTabularTests", dependencies: ["RenkeiTabular", "RenkeiCore"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "RenkeiFormatsTests", dependencies: ["RenkeiFormats"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "RenkeiReportTests", dependencies: ["RenkeiReport", "XMLTestSupport"],
      resources: [.copy("Golden"), .copy("Fixtures")]),
    .testTarget(
      name: "RenkeiConformanceTests", dependencies: ["RenkeiConformance", "RenkeiHTTP", "RenkeiCore"],
      resources: [.copy("Golden")]),
    .testTarget(name: "RenkeiBrokerTests", dependencies: ["RenkeiBroker", "RenkeiHTTP", "RenkeiCore"]),
    .testTarget(
      name: "RenkeiCLITests", dependencies: ["renkei", "RenkeiCore", "RenkeiHTTP", "RenkeiValidation"],
      resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
