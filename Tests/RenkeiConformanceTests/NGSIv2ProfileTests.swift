import Foundation
import RenkeiConformance
import XCTest

/// The shipped NGSI v2 profile loads, is large enough and every case cites a section of the Orion
/// API specification.
final class NGSIv2ProfileTests: XCTestCase {
  func testShippedNGSIv2ProfileLoads() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("profiles/conformance/ngsi-v2").path
    let profile = try ProfileLoader().load(directory: root)
    XCTAssertEqual(profile.basePath, "/v2")
    XCTAssertEqual(profile.tenantHeader, "Fiware-Service")
    XCTAssertGreaterThanOrEqual(profile.cases.count, 200)
    XCTAssertTrue(profile.cases.allSatisfy { !$0.clauses.isEmpty }, "every case cites a section")
    XCTAssertTrue(profile.cases.allSatisfy { $0.etsi == nil }, "NGSI v2 has no ETSI test purposes")
    XCTAssertTrue(profile.cases.allSatisfy { $0.id.hasPrefix("v2-") })
  }
}
