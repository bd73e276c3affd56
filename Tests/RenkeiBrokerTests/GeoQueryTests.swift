import RenkeiCore
import XCTest

@testable import RenkeiBroker

final class GeoQueryTests: XCTestCase {
  let square = "[[[139.0,35.0],[140.0,35.0],[140.0,36.0],[139.0,36.0],[139.0,35.0]]]"

  func geo(_ georel: String, _ geometry: String, _ coordinates: String) throws -> GeoQuery {
    try GeoQuery(georel: georel, geometry: geometry, coordinates: coordinates, geoproperty: "location")
  }

  func tree(_ json: String) throws -> JSONTree { try JSONTree.parse(json) }

  func testNearUsesMetres() throws {
    let tokyo = try tree(#"{"type":"Point","coordinates":[139.767,35.681]}"#)
    XCTAssertTrue(try geo("near;maxDistance==2000", "Point", "[139.76,35.69]").matches(tokyo))
    XCTAssertFalse(try geo("near;maxDistance==100", "Point", "[139.76,35.69]").matches(tokyo))
    XCTAssertTrue(try geo("near;minDistance==100", "Point", "[139.76,35.69]").matches(tokyo))
  }

  func testWithinContainsIntersects() throws {
    let inside = try tree(#"{"type":"Point","coordinates":[139.5,35.5]}"#)
    let outside = try tree(#"{"type":"Point","coordinates":[141.0,35.5]}"#)
    XCTAssertTrue(try geo("within", "Polygon", square).matches(inside))
    XCTAssertFalse(try geo("within", "Polygon", square).matches(outside))
    XCTAssertTrue(try geo("intersects", "Polygon", square).matches(inside))
    XCTAssertTrue(try geo("disjoint", "Polygon", square).matches(outside))
    let area = try tree(#"{"type":"Polygon","coordinates":\#(square)}"#)
    XCTAssertTrue(try geo("contains", "Point", "[139.5,35.5]").matches(area))
    XCTAssertTrue(try geo("equals", "Polygon", square).matches(area))
    let crossing = try tree(#"{"type":"LineString","coordinates":[[138.0,35.5],[141.0,35.5]]}"#)
    XCTAssertTrue(try geo("intersects", "Polygon", square).matches(crossing))
    XCTAssertFalse(try geo("within", "Polygon", square).matches(crossing))
    let shifted = try tree(
      #"{"type":"Polygon","coordinates":[[[139.5,35.5],[140.5,35.5],[140.5,36.5],[139.5,36.5],[139.5,35.5]]]}"#)
    XCTAssertTrue(try geo("overlaps", "Polygon", square).matches(shifted))
  }

  func testInvalidParametersAreBadRequestData() {
    XCTAssertThrowsError(try geo("near", "Point", "[1,2]"))
    XCTAssertThrowsError(try geo("nearby;maxDistance==1", "Point", "[1,2]"))
    XCTAssertThrowsError(try geo("within", "Polygon", "[[1,2]]"))
    XCTAssertThrowsError(try geo("within", "Point", "[1]"))
    XCTAssertThrowsError(try geo("within", "Point", "not json"))
  }
}
