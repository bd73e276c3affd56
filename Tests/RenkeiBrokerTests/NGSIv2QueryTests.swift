import RenkeiCore
import XCTest

@testable import RenkeiBroker

/// The NGSI v2 Simple Query Language (q and mq) and the DateTime parser it relies on.
final class NGSIv2QueryTests: XCTestCase {
  func entity(_ json: String) throws -> NGSIv2Entity {
    let body = try JSONTree.parse(json)
    let attributes = try NGSIv2Decoder(now: "2026-01-01T00:00:00.000Z").attributes(body)
    return NGSIv2Entity(
      id: body["id"]?.string ?? "E", type: body["type"]?.string ?? "T", servicePath: "/", attributes: attributes,
      dateCreated: "2026-01-01T00:00:00.000Z", dateModified: "2026-01-02T00:00:00.000Z")
  }

  lazy var car: NGSIv2Entity = try! entity(
    """
    {"id": "Car1", "type": "Car",
     "speed": {"value": 80, "metadata": {"accuracy": {"value": 0.9}}},
     "brand": {"value": "Mercedes"}, "colour": {"value": "light,green"},
     "tags": {"value": ["red", "fast"]}, "title": {"value": "20"},
     "address": {"value": {"city": "Tokyo", "a.b": 1}},
     "seen": {"type": "DateTime", "value": "2026-01-01T10:00:00+02:00"}}
    """)

  func matches(_ q: String, metadata: Bool = false) throws -> Bool {
    try NGSIv2Query(q, metadata: metadata).matches(car)
  }

  func testEqualityListsAndRanges() throws {
    XCTAssertTrue(try matches("speed==80"))
    XCTAssertTrue(try matches("speed:80"))
    XCTAssertFalse(try matches("speed==81"))
    XCTAssertTrue(try matches("speed==79,80"))
    XCTAssertTrue(try matches("speed==70..90"))
    XCTAssertFalse(try matches("speed==81..90"))
    XCTAssertTrue(try matches("speed!=81..90"))
    XCTAssertTrue(try matches("colour=='light,green'"))
    XCTAssertFalse(try matches("colour==light"))
    XCTAssertTrue(try matches("tags==fast"))
    XCTAssertTrue(try matches("title=='20'"))
    XCTAssertTrue(try matches("brand!=Audi,BMW"))
    XCTAssertFalse(try matches("brand!=Audi,Mercedes"))
  }

  func testOrderingPatternAndUnary() throws {
    XCTAssertTrue(try matches("speed>79"))
    XCTAssertFalse(try matches("speed>80"))
    XCTAssertTrue(try matches("speed>=80;speed<=80"))
    XCTAssertTrue(try matches("brand~=^Merc"))
    XCTAssertFalse(try matches("brand~=^Audi"))
    XCTAssertTrue(try matches("brand"))
    XCTAssertTrue(try matches("!humidity"))
    XCTAssertFalse(try matches("!brand"))
    XCTAssertTrue(try matches("address.city==Tokyo"))
    XCTAssertTrue(try matches("address.'a.b'==1"))
    XCTAssertFalse(try matches("address.country"))
  }

  func testDateTimesCompareAsInstants() throws {
    XCTAssertTrue(try matches("seen==2026-01-01T08:00:00Z"))
    XCTAssertTrue(try matches("seen>2026-01-01"))
    XCTAssertTrue(try matches("seen<2026-01-02"))
    XCTAssertTrue(try matches("dateModified>2026-01-01T12:00"))
    XCTAssertEqual(NGSIv2DateTime.parse("2026-01-01"), 1_767_225_600_000)
    XCTAssertEqual(NGSIv2DateTime.parse("2026-01-01T01:00:00.250+01:00"), 1_767_225_600_250)
    XCTAssertEqual(NGSIv2DateTime.parse("20260101"), nil)
    XCTAssertNil(NGSIv2DateTime.parse("2026-02-30"))
    XCTAssertNil(NGSIv2DateTime.parse("2026-01-01T25:00"))
  }

  func testMetadataQueries() throws {
    XCTAssertTrue(try matches("speed.accuracy>0.5", metadata: true))
    XCTAssertFalse(try matches("speed.accuracy<0.5", metadata: true))
    XCTAssertTrue(try matches("speed.accuracy", metadata: true))
    XCTAssertTrue(try matches("!brand.accuracy", metadata: true))
    XCTAssertTrue(try matches("speed.dateCreated<2027-01-01", metadata: true))
  }

  func testSyntaxErrorsAreBadRequests() {
    for bad in ["", "speed==", "speed==1;;brand", "speed>1,2", "brand~=[a-", "a..b==1", "'open==1"] {
      XCTAssertThrowsError(try NGSIv2Query(bad), bad) { error in
        XCTAssertEqual((error as? NGSIv2Error)?.error, "BadRequest", bad)
      }
    }
    XCTAssertThrowsError(try NGSIv2Query("speed<1", metadata: true))
  }
}
