import RenkeiStringFormats
import XCTest

final class StringFormatRegistryTests: XCTestCase {
  func testEveryFormatIsKnownByItsName() {
    XCTAssertEqual(StringFormat.allCases.count, 19)
    for format in StringFormat.allCases {
      XCTAssertEqual(StringFormat(rawValue: format.rawValue), format)
      XCTAssertNotNil(StringFormats.validate("", format: format.rawValue))
    }
    XCTAssertEqual(StringFormat.dateTime.rawValue, "date-time")
    XCTAssertEqual(StringFormat.relativeJSONPointer.rawValue, "relative-json-pointer")
  }

  func testUnknownFormatIsNeitherValidNorInvalid() {
    XCTAssertNil(StringFormats.validate("anything", format: "unknown"))
    XCTAssertNil(StringFormats.validate("anything", format: "Date-Time"))  // names are case-sensitive
    XCTAssertNil(StringFormats.validate("#fff", format: "color"))  // draft 3 only
    XCTAssertNil(StringFormats.validate("x", format: "ecmascript-regex"))
  }

  func testValidateAnswersForKnownFormats() {
    XCTAssertEqual(StringFormats.validate("2024-02-29", format: "date"), true)
    XCTAssertEqual(StringFormats.validate("2023-02-29", format: "date"), false)
    XCTAssertEqual(StringFormats.validate("::1", format: "ipv6"), true)
    XCTAssertEqual(StringFormats.validate("::1", format: "ipv4"), false)
  }
}
