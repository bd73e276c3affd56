import Foundation
import XCTest

/// The test target's resources (`Golden/`, `Fixtures/`), found through `Bundle.module`.
enum Resources {
  static func url(_ relativePath: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent(relativePath)
  }

  static func text(_ relativePath: String) throws -> String {
    let data = try Data(contentsOf: url(relativePath))
    return String(decoding: data, as: UTF8.self)
  }
}

/// Golden files in `Tests/RenkeiReportTests/Golden/` pin each reporter's exact output for
/// `Sample.report`.
///
/// When an output change is intended, regenerate them with
///
///     RENKEI_UPDATE_GOLDEN=1 swift test --filter RenkeiReportTests
///
/// which writes the new outputs into the source tree (located from `#filePath`, not the built
/// bundle, so the change shows in `git diff`), then review the diff before committing.
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["RENKEI_UPDATE_GOLDEN"] == "1" }

  static let sourceDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Golden")

  static func assertMatches(
    _ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    if updating {
      try Data(actual.utf8).write(to: sourceDirectory.appendingPathComponent(name))
      return
    }
    let expected: String
    do {
      expected = try Resources.text("Golden/\(name)")
    } catch {
      XCTFail("No golden file \(name); create it with RENKEI_UPDATE_GOLDEN=1.", file: file, line: line)
      return
    }
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index =
      zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(actualLines.count, expectedLines.count)
    let show = { (lines: [Substring]) in index < lines.count ? String(reflecting: String(lines[index])) : "(end)" }
    XCTFail(
      """
      \(name) differs from the golden file at line \(index + 1):
        expected: \(show(expectedLines))
        actual:   \(show(actualLines))
      If the change is intended, rerun with RENKEI_UPDATE_GOLDEN=1 and review the diff.
      """, file: file, line: line)
  }
}
