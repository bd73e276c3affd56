import Foundation
import RenkeiConformance
import XCTest

/// The shipped interop profile loads, names the face in every path and cites both sides: an
/// NGSI-LD clause and an NGSI v2 section.
final class InteropProfileTests: XCTestCase {
  func testShippedInteropProfileLoads() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("profiles/conformance/interop").path
    let profile = try ProfileLoader().load(directory: root)
    XCTAssertEqual(profile.basePath, "", "paths name their face")
    XCTAssertGreaterThanOrEqual(profile.cases.count, 15)
    for testCase in profile.cases {
      XCTAssertTrue(testCase.id.hasPrefix("interop-"), testCase.id)
      let clauses = testCase.clauses
      XCTAssertTrue(clauses.contains { $0.first?.isNumber ?? false }, "\(testCase.id) cites an NGSI-LD clause")
      XCTAssertTrue(clauses.contains { $0.first?.isLetter ?? false }, "\(testCase.id) cites an NGSI v2 section")
    }
  }
}
