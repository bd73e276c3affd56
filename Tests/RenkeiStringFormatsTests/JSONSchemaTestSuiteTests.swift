import Foundation
import RenkeiCore
import RenkeiStringFormats
import XCTest

/// Runs the `optional/format` tests of the JSON-Schema-Test-Suite (drafts 4, 6, 7, 2019-09 and 2020-12) against
/// ``StringFormats/validate(_:format:draft:)``, as format assertions.
final class JSONSchemaTestSuiteTests: XCTestCase {
  static let drafts: [(directory: String, draft: StringFormat.Draft)] = [
    ("draft4", .draft4), ("draft6", .draft6), ("draft7", .draft7), ("draft2019-09", .draft2019_09),
    ("draft2020-12", .draft2020_12),
  ]

  /// Cases expected to fail, keyed by "draft|format|data" (data as in the suite), each with its reason.
  static let allowList: [String: String] = [:]

  static var suiteDirectory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Suites/JSON-Schema-Test-Suite/tests")
  }

  struct Tally {
    var passed = 0
    var failed = 0
    var total: Int { passed + failed }
    var summary: String { "\(passed)/\(total)" }

    mutating func record(passed: Bool) {
      if passed { self.passed += 1 } else { failed += 1 }
    }
  }

  func testFormatSuite() throws {
    var byDraft: [String: Tally] = [:]
    var byFormat: [String: Tally] = [:]
    var byDraftAndFormat: [String: [String: Tally]] = [:]
    var unexpected: [String] = []
    var allowListed: Set<String> = []

    for (draft, formatDraft) in Self.drafts {
      let directory = Self.suiteDirectory.appendingPathComponent("\(draft)/optional/format")
      let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".json") }.sorted()
      XCTAssertFalse(files.isEmpty, "no format tests for \(draft)")
      for file in files {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: directory.appendingPathComponent(file).path))
        let root = try JSONParser().parse([UInt8](data)).document.root
        for group in root.elements {
          let format = try XCTUnwrap(group["schema"]?["format"]?.string, "\(draft)/\(file): no format")
          for test in try XCTUnwrap(group["tests"]).elements {
            let instance = try XCTUnwrap(test["data"])
            let expected = try XCTUnwrap(test["valid"]?.bool)
            // Formats apply to strings only, any other instance is valid; an unknown format is never "invalid".
            var actual = true
            if instance.kind == .string, let string = instance.string {
              actual = StringFormats.validate(string, format: format, draft: formatDraft) ?? true
            }
            let key = "\(draft)|\(format)|\(instance.string ?? "<\(instance.kind)>")"
            let passed = actual == expected
            if passed {
              if Self.allowList[key] != nil { unexpected.append("allow-listed but passes: \(key)") }
            } else if Self.allowList[key] != nil {
              allowListed.insert(key)
            } else {
              let description = test["description"]?.string ?? ""
              unexpected.append(
                "\(draft) \(format) \(debugQuoted(instance.string ?? "<\(instance.kind)>")): expected "
                  + "\(expected ? "valid" : "invalid") (\(description))")
            }
            byDraft[draft, default: Tally()].record(passed: passed)
            byFormat[format, default: Tally()].record(passed: passed)
            byDraftAndFormat[draft, default: [:]][format, default: Tally()].record(passed: passed)
          }
        }
      }
    }

    print("JSON-Schema-Test-Suite optional/format tests passed:")
    for (draft, _) in Self.drafts {
      let formats = byDraftAndFormat[draft, default: [:]].sorted { $0.key < $1.key }
      print("  \(draft): \(byDraft[draft, default: Tally()].summary)")
      print("    " + formats.map { "\($0.key) \($0.value.summary)" }.joined(separator: ", "))
    }
    print("  all drafts, by format:")
    for (format, tally) in byFormat.sorted(by: { $0.key < $1.key }) {
      print("    \(format): \(tally.summary)")
    }
    for failure in unexpected { XCTFail(failure) }

    let passed = byDraft.values.reduce(0) { $0 + $1.passed }
    let total = byDraft.values.reduce(0) { $0 + $1.total }
    print("  total: \(passed)/\(total), \(allowListed.count) allow-listed failures")
    XCTAssertGreaterThanOrEqual(total, 2_400, "the suite seems incomplete")
    XCTAssertGreaterThanOrEqual(Double(passed) / Double(total), 0.99, "pass rate below the floor")
    XCTAssertEqual(passed + allowListed.count, total, "failures outside the allow-list")
  }

  private func debugQuoted(_ string: String) -> String {
    let escaped = string.unicodeScalars.map { scalar in
      scalar.isASCII && scalar.value >= 0x20 ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
    }
    return "\"" + escaped.joined() + "\""
  }
}
