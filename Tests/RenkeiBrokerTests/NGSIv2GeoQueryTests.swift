import RenkeiCore
import XCTest

@testable import RenkeiBroker

/// NGSI v2 geo-queries: georel/geometry/coords parsing (lat,lon order) and matching.
final class NGSIv2GeoQueryTests: XCTestCase {
  func located(_ geometry: String) throws -> NGSIv2Entity {
    let body = try JSONTree.parse(#"{"location": {"type": "geo:json", "value": \#(geometry)}}"#)
    return NGSIv2Entity(
      id: "E", type: "T", servicePath: "/", attributes: try NGSIv2Decoder(now: "").attributes(body),
      dateCreated: "", dateModified: "")
  }

  func testNearUsesLatitudeFirst() throws {
    let madrid = try located(#"{"type": "Point", "coordinates": [-3.7038, 40.4168]}"#)
    XCTAssertTrue(
      try NGSIv2GeoQuery(georel: "near;maxDistance:1000", geometry: "point", coords: "40.4168,-3.7038").matches(madrid))
    XCTAssertFalse(
      try NGSIv2GeoQuery(georel: "near;maxDistance:1000", geometry: "point", coords: "-3.7038,40.4168").matches(madrid))
    XCTAssertTrue(
      try NGSIv2GeoQuery(georel: "near;minDistance:100000", geometry: "point", coords: "41.38,2.17").matches(madrid))
  }

  func testAreaRelations() throws {
    let point = try located(#"{"type": "Point", "coordinates": [-3.7, 40.4]}"#)
    let box = try NGSIv2GeoQuery(georel: "coveredBy", geometry: "box", coords: "40,-4;41,-3")
    XCTAssertTrue(box.matches(point))
    let polygon = try NGSIv2GeoQuery(georel: "intersects", geometry: "polygon", coords: "40,-4;40,-3;41,-3;41,-4;40,-4")
    XCTAssertTrue(polygon.matches(point))
    XCTAssertFalse(try NGSIv2GeoQuery(georel: "disjoint", geometry: "box", coords: "40,-4;41,-3").matches(point))
    XCTAssertTrue(try NGSIv2GeoQuery(georel: "equals", geometry: "point", coords: "40.4,-3.7").matches(point))
    let unlocated = NGSIv2Entity(id: "F", type: "T", servicePath: "/", dateCreated: "", dateModified: "")
    XCTAssertFalse(try NGSIv2GeoQuery(georel: "disjoint", geometry: "box", coords: "0,0;1,1").matches(unlocated))
  }

  func testFeatureLocationsUseTheirGeometry() throws {
    let feature = try located(
      #"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}"#)
    XCTAssertTrue(try NGSIv2GeoQuery(georel: "equals", geometry: "point", coords: "2,1").matches(feature))
  }

  func testInvalidQueriesAreBadRequests() {
    let bad: [(String, String, String)] = [
      ("near", "point", "1,2"), ("near;maxDistance:x", "point", "1,2"),
      ("near;maxDistance:5", "polygon", "0,0;0,1;1,1;0,0"),
      ("within", "point", "1,2"), ("intersects", "circle", "1,2"), ("intersects", "point", "1,2;3,4"),
      ("coveredBy", "polygon", "0,0;0,1;0,0"), ("coveredBy", "polygon", "0,0;0,1;1,1;1,0"),
      ("intersects", "point", "91,0"),
      ("intersects", "line", "1,2"), ("coveredBy", "box", "1,2"), ("intersects", "point", "a,b"),
    ]
    for (georel, geometry, coords) in bad {
      XCTAssertThrowsError(
        try NGSIv2GeoQuery(georel: georel, geometry: geometry, coords: coords), "\(georel) \(geometry) \(coords)")
    }
    XCTAssertNil(try NGSIv2GeoQuery.from(georel: nil, geometry: nil, coords: nil))
    XCTAssertThrowsError(try NGSIv2GeoQuery.from(georel: "intersects", geometry: "point", coords: nil))
  }
}
