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

  func testFormatsByDraft() {
    XCTAssertEqual(StringFormat.uri.introducedIn, .draft4)
    XCTAssertEqual(StringFormat.uriReference.introducedIn, .draft6)
    XCTAssertEqual(StringFormat.idnHostname.introducedIn, .draft7)
    XCTAssertEqual(StringFormat.duration.introducedIn, .draft2019_09)
    XCTAssertNil(StringFormats.validate("a/b", format: "uri-reference", draft: .draft4))
    XCTAssertEqual(StringFormats.validate("a/b", format: "uri-reference", draft: .draft6), true)
    XCTAssertNil(StringFormats.validate("P1D", format: "duration", draft: .draft7))
    XCTAssertEqual(StringFormats.validate("P1D", format: "duration", draft: .draft2020_12), true)
  }

  func testRelativeJSONPointerIndexManipulationIsNewIn202012() {
    for value in ["0+1/a", "1-2#", "0-0"] {
      XCTAssertTrue(StringFormat.relativeJSONPointer.isValid(value), value)
      XCTAssertTrue(StringFormat.relativeJSONPointer.isValid(value, draft: .draft2020_12), value)
      XCTAssertFalse(StringFormat.relativeJSONPointer.isValid(value, draft: .draft2019_09), value)
      XCTAssertFalse(StringFormat.relativeJSONPointer.isValid(value, draft: .draft7), value)
    }
    for value in ["0+/a", "0+01/a", "0++1", "+1/a", "0+1+1", "0-１"] {
      XCTAssertFalse(StringFormat.relativeJSONPointer.isValid(value), value)
    }
  }

  func testValidateAnswersForKnownFormats() {
    XCTAssertEqual(StringFormats.validate("2024-02-29", format: "date"), true)
    XCTAssertEqual(StringFormats.validate("2023-02-29", format: "date"), false)
    XCTAssertEqual(StringFormats.validate("::1", format: "ipv6"), true)
    XCTAssertEqual(StringFormats.validate("::1", format: "ipv4"), false)
  }
}
