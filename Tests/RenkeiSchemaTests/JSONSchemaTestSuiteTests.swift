import Foundation
import RenkeiCore
import XCTest

@testable import RenkeiSchema

/// The official JSON Schema Test Suite (Tests/Suites/JSON-Schema-Test-Suite), required and
/// optional tests of drafts 4, 6, 7, 2019-09 and 2020-12, with `remotes/` served as
/// http://localhost:1234/ from the offline registry. Prints pass counts per draft.
final class JSONSchemaTestSuiteTests: XCTestCase {
  static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Suites/JSON-Schema-Test-Suite")

  struct Tally {
    var passed = 0
    var failed: [String] = []
    var total: Int { passed + failed.count }
  }

  static let drafts: [(folder: String, dialect: Dialect)] = [
    ("draft4", .draft4), ("draft6", .draft6), ("draft7", .draft7), ("draft2019-09", .draft2019_09),
    ("draft2020-12", .draft2020_12),
  ]

  /// Files of a draft: required ones, or those under optional/ (format included).
  static func files(_ folder: String, optional: Bool) -> [String] {
    let root = suite.appendingPathComponent("tests/\(folder)").path
    let walker = FileManager.default.enumerator(atPath: root)!
    var out: [String] = []
    while let name = walker.nextObject() as? String {
      guard name.hasSuffix(".json") else { continue }
      if name.hasPrefix("optional/") == optional { out.append(root + "/" + name) }
    }
    return out.sorted()
  }

  static func remotes() -> [(url: String, path: String)] {
    let root = suite.appendingPathComponent("remotes").path
    let walker = FileManager.default.enumerator(atPath: root)!
    var out: [(String, String)] = []
    while let name = walker.nextObject() as? String {
      if name.hasSuffix(".json") { out.append(("http://localhost:1234/" + name, root + "/" + name)) }
    }
    return out
  }

  static func run(_ folder: String, _ dialect: Dialect, optional: Bool) throws -> Tally {
    var tally = Tally()
    let remotes = remotes()
    for file in files(folder, optional: optional) {
      let name = file.replacingOccurrences(of: suite.path + "/tests/", with: "")
      let assertFormat = name.contains("/optional/format/")
      let cases = try JSONParser().parse(FileBytes.read(file)).document.root
      for testCase in cases.elements {
        let description = testCase["description"]?.string ?? "?"
        let registry = SchemaRegistry(defaultDialect: dialect)
        for remote in remotes { registry.map(remote.url, to: remote.path) }
        let schema: CompiledSchema
        do {
          let document = try JSONParser().parse(JSONWriter().bytes(testCase["schema"]!)).document
          schema = try CompiledSchema(document: document, registry: registry)
        } catch {
          for test in testCase["tests"]!.elements {
            tally.failed.append(
              "\(name) | \(description) | \(test["description"]?.string ?? "?"): schema error \(error)")
          }
          continue
        }
        for test in testCase["tests"]!.elements {
          let expected = test["valid"]!.bool!
          let instance = test["data"]!
          let fast = schema.isValid(instance, assertFormat: assertFormat)
          let units = schema.validate(instance, assertFormat: assertFormat)
          let label = "\(name) | \(description) | \(test["description"]?.string ?? "?")"
          if fast == expected && units.isEmpty == expected {
            tally.passed += 1
          } else {
            tally.failed.append("\(label): expected \(expected), isValid \(fast), validate \(units.isEmpty)")
          }
        }
      }
    }
    return tally
  }

  func testRequiredSuite() throws {
    var report: [String] = []
    for (folder, dialect) in Self.drafts {
      let tally = try Self.run(folder, dialect, optional: false)
      report.append("required \(folder): \(tally.passed)/\(tally.total)")
      for failure in tally.failed.prefix(40) { print("FAIL \(failure)") }
      XCTAssertEqual(tally.failed.count, 0, "\(folder): \(tally.failed.count) required tests fail")
    }
    print(report.joined(separator: "\n"))
  }

  func testOptionalSuite() throws {
    var report: [String] = []
    var passed = 0
    var total = 0
    for (folder, dialect) in Self.drafts {
      let tally = try Self.run(folder, dialect, optional: true)
      report.append("optional \(folder): \(tally.passed)/\(tally.total)")
      for failure in tally.failed { print("OPTIONAL FAIL \(failure)") }
      passed += tally.passed
      total += tally.total
    }
    print(report.joined(separator: "\n"))
    print("optional overall: \(passed)/\(total)")
    XCTAssertGreaterThanOrEqual(Double(passed) / Double(max(total, 1)), 0.95)
  }
}
