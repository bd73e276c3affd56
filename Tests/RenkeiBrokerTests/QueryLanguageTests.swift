import RenkeiCore
import XCTest

@testable import RenkeiBroker

final class QueryLanguageTests: XCTestCase {
  let context = ContextResolver().core

  func entity(_ json: String) throws -> StoredEntity {
    try EntityNormalizer(context: context, now: "2026-01-01T00:00:00.000Z").entity(JSONTree.parse(json))
  }

  lazy var vehicle: StoredEntity = try! entity(
    """
    {"id": "urn:ngsi-ld:Vehicle:A", "type": "Vehicle",
     "speed": {"type": "Property", "value": 80, "observedAt": "2026-01-01T10:00:00Z",
               "accuracy": {"type": "Property", "value": 0.9}},
     "brand": {"type": "Property", "value": "Mercedes"},
     "tags": {"type": "Property", "value": ["red", "fast"]},
     "address": {"type": "Property", "value": {"city": "Tokyo", "zip": "100-0001"}},
     "isParked": {"type": "Relationship", "object": "urn:ngsi-ld:Parking:1"},
     "electric": {"type": "Property", "value": false}}
    """)

  func matches(_ q: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
    try QueryLanguage.parse(q).matches(vehicle, context: context)
  }

  func testComparisons() throws {
    XCTAssertTrue(try matches("speed>50"))
    XCTAssertFalse(try matches("speed<50"))
    XCTAssertTrue(try matches("speed==80"))
    XCTAssertTrue(try matches("speed>=80;speed<=80"))
    XCTAssertTrue(try matches("speed!=81"))
    XCTAssertTrue(try matches("brand==\"Mercedes\""))
    XCTAssertFalse(try matches("brand==\"BMW\""))
    XCTAssertTrue(try matches("electric==false"))
  }

  func testTypedValuesCompareAsTheirValue() throws {
    let event = try entity(
      #"{"id": "urn:a", "type": "Event", "start": {"type": "Property", "value": {"@type": "DateTime", "@value": "2026-04-01T10:00:00Z"}}}"#
    )
    XCTAssertTrue(try QueryLanguage.parse("start>2026-03-01T00:00:00Z").matches(event, context: context))
    XCTAssertFalse(try QueryLanguage.parse("start>2026-05-01T00:00:00Z").matches(event, context: context))
    // An object value without @type is not unwrapped.
    let plain = try entity(#"{"id": "urn:a", "type": "Event", "start": {"type": "Property", "value": {"@value": 1}}}"#)
    XCTAssertFalse(try QueryLanguage.parse("start==1").matches(plain, context: context))
  }

  func testLogicAndGrouping() throws {
    XCTAssertTrue(try matches("speed>100|brand==\"Mercedes\""))
    XCTAssertFalse(try matches("speed>100;brand==\"Mercedes\""))
    XCTAssertTrue(try matches("(speed>100|speed<90);brand==\"Mercedes\""))
    XCTAssertFalse(try matches("(speed>100|speed<10);brand==\"Mercedes\""))
  }

  func testListsRangesPatternsAndExistence() throws {
    XCTAssertTrue(try matches("speed==70..90"))
    XCTAssertFalse(try matches("speed==81..90"))
    XCTAssertTrue(try matches("brand==\"BMW\",\"Mercedes\""))
    XCTAssertTrue(try matches("brand=~Merc.*"))
    XCTAssertTrue(try matches("brand!~=BMW"))
    XCTAssertTrue(try matches("tags==\"red\""))
    XCTAssertTrue(try matches("brand"))
    XCTAssertFalse(try matches("colour"))
    XCTAssertTrue(try matches("!colour"))
  }

  func testPathsRelationshipsAndTimes() throws {
    XCTAssertTrue(try matches("speed.accuracy>0.5"))
    XCTAssertTrue(try matches("address[city]==\"Tokyo\""))
    XCTAssertTrue(try matches("isParked==\"urn:ngsi-ld:Parking:1\""))
    XCTAssertTrue(try matches("isParked==urn:ngsi-ld:Parking:1"))
    XCTAssertTrue(try matches("speed.observedAt>=2026-01-01T09:00:00Z"))
    XCTAssertTrue(try matches("https://uri.etsi.org/ngsi-ld/default-context/speed>50"))
  }

  func testSyntaxErrorsAreBadRequestData() {
    for bad in ["speed>", "(speed>1", "speed==1..", ">5", "speed==\"open"] {
      XCTAssertThrowsError(try QueryLanguage.parse(bad), bad) { error in
        XCTAssertEqual((error as? ProblemDetails)?.kind, .badRequestData, bad)
      }
    }
  }
}
