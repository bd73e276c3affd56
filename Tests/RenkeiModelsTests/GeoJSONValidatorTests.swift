import RenkeiCore
import XCTest

@testable import RenkeiModels

/// Each GeoJSON rule fires where RFC 7946 is broken and stays silent where it is not.
final class GeoJSONValidatorTests: XCTestCase {
  func findings(_ text: String, geometry: Bool = false, limit: Int = 100) throws -> [Finding] {
    let root = try JSONParser().parse(text).document.root
    let validator = GeoJSONValidator(maxFindingsPerRule: limit)
    return geometry ? validator.geometryFindings(root) : validator.findings(root)
  }

  func ids(_ text: String, geometry: Bool = false) throws -> [String] {
    try findings(text, geometry: geometry).map(\.ruleID)
  }

  func assertFires(_ rule: String, _ text: String, geometry: Bool = false, line: UInt = #line) throws {
    XCTAssertTrue(try ids(text, geometry: geometry).contains(rule), "\(rule) should fire on \(text)", line: line)
  }

  func assertClean(_ text: String, geometry: Bool = false, line: UInt = #line) throws {
    XCTAssertEqual(try ids(text, geometry: geometry), [], text, line: line)
  }

  let point = #"{"type": "Point", "coordinates": [139.7671, 35.6812]}"#
  let square = #"[[100.0, 0.0], [101.0, 0.0], [101.0, 1.0], [100.0, 1.0], [100.0, 0.0]]"#
  let hole = #"[[100.2, 0.2], [100.2, 0.8], [100.8, 0.8], [100.8, 0.2], [100.2, 0.2]]"#

  // MARK: - Objects

  func testEveryTypeValid() throws {
    try assertClean(point)
    try assertClean(#"{"type": "MultiPoint", "coordinates": [[100, 0], [101, 1]]}"#)
    try assertClean(#"{"type": "LineString", "coordinates": [[100, 0], [101, 1]]}"#)
    try assertClean(#"{"type": "MultiLineString", "coordinates": [[[100, 0], [101, 1]], [[102, 2], [103, 3]]]}"#)
    try assertClean(#"{"type": "Polygon", "coordinates": [\#(square), \#(hole)]}"#)
    try assertClean(#"{"type": "MultiPolygon", "coordinates": [[\#(square)], [\#(square), \#(hole)]]}"#)
    try assertClean(
      #"{"type": "GeometryCollection", "geometries": [\#(point), {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]}"#
    )
    try assertClean(#"{"type": "GeometryCollection", "geometries": []}"#)
    try assertClean(#"{"type": "Feature", "id": "a", "geometry": \#(point), "properties": {"name": "東京駅"}}"#)
    try assertClean(#"{"type": "Feature", "id": 7, "geometry": null, "properties": null}"#)
    try assertClean(#"{"type": "FeatureCollection", "features": []}"#)
    try assertClean(point, geometry: true)
  }

  func testNotObject() throws {
    try assertFires("geojson-not-object", "null")
    try assertFires("geojson-not-object", "[]")
    try assertFires("geojson-not-object", #"{"type": "FeatureCollection", "features": [null]}"#)
    try assertFires("geojson-not-object", #"{"type": "GeometryCollection", "geometries": [1, \#(point)]}"#)
    try assertFires("geojson-not-object", #""Point""#, geometry: true)
    try assertClean(
      #"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {}}]}"#)
  }

  func testMissingMember() throws {
    let cases: [(String, String, String)] = [
      ("{}", "type", "3"),
      (#"{"type": "Point"}"#, "coordinates", "3.1.2"),
      (#"{"type": "Polygon"}"#, "coordinates", "3.1.6"),
      (#"{"type": "GeometryCollection"}"#, "geometries", "3.1.8"),
      (#"{"type": "Feature", "properties": {}}"#, "geometry", "3.2"),
      (#"{"type": "Feature", "geometry": null}"#, "properties", "3.2"),
      (#"{"type": "FeatureCollection"}"#, "features", "3.3"),
    ]
    for (text, member, clause) in cases {
      let found = try findings(text).filter { $0.ruleID == "geojson-missing-member" }
      XCTAssertEqual(found.map { $0.arguments["member"] }, [member], text)
      XCTAssertEqual(found.first?.spec?.citation, "RFC 7946 §\(clause)", text)
    }
    // "geometry" and "properties" may be null, but must be there.
    try assertClean(#"{"type": "Feature", "geometry": null, "properties": null}"#)
  }

  func testInvalidType() throws {
    try assertFires("geojson-invalid-type", #"{"type": "FooBar"}"#)
    try assertFires("geojson-invalid-type", #"{"type": {}}"#)
    try assertFires("geojson-invalid-type", #"{"type": "Feature", "geometry": null, "properties": {}}"#, geometry: true)
    try assertFires(
      "geojson-invalid-type",
      #"{"type": "Feature", "geometry": {"type": "Feature", "geometry": null, "properties": {}}, "properties": {}}"#)
    try assertFires("geojson-invalid-type", #"{"type": "FeatureCollection", "features": [\#(point)]}"#)
    let cased = try findings(#"{"type": "featurecollection", "features": []}"#)
    XCTAssertEqual(cased.map(\.ruleID), ["geojson-invalid-type"])
    XCTAssertTrue(cased[0].message.contains("case-sensitive: write \"FeatureCollection\""), cased[0].message)
    XCTAssertEqual(cased[0].location.pointer, "/type")
    for type in ["Feature", "FeatureCollection", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon"]
      + ["MultiPolygon", "GeometryCollection"]
    {
      XCTAssertFalse(try ids(#"{"type": "\#(type)"}"#).contains("geojson-invalid-type"), type)
    }
  }

  func testMisspeltFeatureIsStillCheckedAsAFeature() throws {
    // Its place in "features" says what it is, so its geometry is checked too (as geojsonhint does).
    let found = try findings(
      #"{"type": "FeatureCollection", "features": [{"type": "Featre", "properties": {}, "geometry": {"type": "Point", "coordinates": "x"}}]}"#
    )
    XCTAssertEqual(found.map(\.ruleID), ["geojson-invalid-type", "geojson-member-type"])
    XCTAssertEqual(found.map(\.location.pointer), ["/features/0/type", "/features/0/geometry/coordinates"])
  }

  func testMemberType() throws {
    try assertFires("geojson-member-type", #"{"type": "Feature", "geometry": null, "properties": []}"#)
    try assertFires("geojson-member-type", #"{"type": "Feature", "geometry": null, "properties": 123}"#)
    try assertFires("geojson-member-type", #"{"type": "Feature", "geometry": "here", "properties": {}}"#)
    try assertFires("geojson-member-type", #"{"type": "Feature", "id": {}, "geometry": null, "properties": {}}"#)
    try assertFires("geojson-member-type", #"{"type": "Feature", "id": null, "geometry": null, "properties": {}}"#)
    try assertFires("geojson-member-type", #"{"type": "FeatureCollection", "features": {}}"#)
    try assertFires("geojson-member-type", #"{"type": "GeometryCollection", "geometries": {}}"#)
    try assertFires("geojson-member-type", #"{"type": "Point", "coordinates": "139.7,35.6"}"#)
    try assertClean(#"{"type": "Feature", "id": 1.5, "geometry": null, "properties": {"a": [1]}}"#)
  }

  func testDuplicateMember() throws {
    let text = """
      {
        "type": "FeatureCollection",
        "type": "Feature",
        "features": []
      }
      """
    let found = try findings(text)
    // The last "type" counts, as in JavaScript: a Feature with "features" and nothing else.
    XCTAssertEqual(
      found.map(\.ruleID),
      ["geojson-missing-member", "geojson-missing-member", "geojson-duplicate-member", "geojson-changed-semantics"])
    let duplicate = try XCTUnwrap(found.first { $0.ruleID == "geojson-duplicate-member" })
    XCTAssertEqual([duplicate.location.line, duplicate.location.column], [3, 3])
    XCTAssertEqual(duplicate.location.pointer, "/type")
    // Repeated foreign members are a JSON matter (json-duplicate-key), not a GeoJSON one.
    try assertClean(#"{"type": "Point", "coordinates": [1, 2], "note": 1, "note": 2}"#)
  }

  func testChangedSemantics() throws {
    try assertFires(
      "geojson-changed-semantics", #"{"type": "Feature", "features": [], "geometry": null, "properties": {}}"#)
    try assertFires(
      "geojson-changed-semantics", #"{"type": "Feature", "coordinates": null, "geometry": null, "properties": {}}"#)
    try assertFires("geojson-changed-semantics", #"{"type": "FeatureCollection", "properties": {}, "features": []}"#)
    try assertFires("geojson-changed-semantics", #"{"type": "FeatureCollection", "geometries": [], "features": []}"#)
    try assertFires("geojson-changed-semantics", #"{"type": "Point", "coordinates": [1, 2], "properties": {}}"#)
    try assertFires("geojson-changed-semantics", #"{"type": "GeometryCollection", "geometries": [], "geometry": null}"#)
    // Foreign members are allowed anywhere (§6.1), and "properties" is never looked into.
    try assertClean(
      #"{"type": "Feature", "custom": {"features": 1, "coordinates": "x"}, "geometry": null, "properties": {"geometry": 1, "type": "Foo"}}"#
    )
  }

  func testCRS() throws {
    let found = try findings(
      #"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6668"}}, "features": []}"#
    )
    XCTAssertEqual(found.map(\.ruleID), ["geojson-crs"])
    XCTAssertEqual(found[0].severity, .warning)
    XCTAssertEqual(found[0].spec?.citation, "RFC 7946 §4")
    try assertClean(#"{"type": "FeatureCollection", "features": [], "crsName": "WGS 84"}"#)
  }

  func testNestedGeometryCollection() throws {
    let text =
      #"{"type": "GeometryCollection", "geometries": [\#(point), {"type": "GeometryCollection", "geometries": [\#(point), {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]}]}"#
    let found = try findings(text)
    XCTAssertEqual(found.map(\.ruleID), ["geojson-nested-geometry-collection"])
    XCTAssertEqual(found[0].severity, .warning)
    XCTAssertEqual(found[0].location.pointer, "/geometries/1")
    try assertClean(
      #"{"type": "GeometryCollection", "geometries": [\#(point), {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]}"#
    )
  }

  func testCollectionOfASingleType() throws {
    let single = try findings(#"{"type": "GeometryCollection", "geometries": [\#(point)]}"#)
    XCTAssertEqual(single.map(\.ruleID), ["geojson-collection-single-type"])
    XCTAssertEqual(single[0].severity, .warning)
    let points = try findings(#"{"type": "GeometryCollection", "geometries": [\#(point), \#(point)]}"#)
    XCTAssertEqual(points.map(\.ruleID), ["geojson-collection-single-type"])
    XCTAssertTrue(points[0].message.contains("one MultiPoint"), points[0].message)
    try assertClean(
      #"{"type": "GeometryCollection", "geometries": [\#(point), {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]}"#
    )
  }

  // MARK: - Coordinates

  func testCoordinatesShape() throws {
    let ring = try findings(#"{"type": "Polygon", "coordinates": [5]}"#)
    XCTAssertEqual(ring.map(\.ruleID), ["geojson-coordinates-shape"])
    XCTAssertEqual(ring[0].location.pointer, "/coordinates/0")
    XCTAssertEqual(ring[0].spec?.citation, "RFC 7946 §3.1.6")
    // One finding per array that should hold arrays, not one per number.
    XCTAssertEqual(try ids(#"{"type": "MultiPoint", "coordinates": [0, 0]}"#), ["geojson-coordinates-shape"])
    XCTAssertEqual(try ids(#"{"type": "MultiPolygon", "coordinates": [[[1]]]}"#), ["geojson-coordinates-shape"])
    try assertFires(
      "geojson-coordinates-shape", #"{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], "x"]}"#)
    try assertClean(#"{"type": "MultiPolygon", "coordinates": [[\#(square)]]}"#)
  }

  func testPositionNotNumber() throws {
    let found = try findings(#"{"type": "Point", "coordinates": [1, 2, "f"]}"#)
    XCTAssertEqual(found.map(\.ruleID), ["geojson-position-not-number"])
    XCTAssertEqual(found[0].location.pointer, "/coordinates/2")
    try assertFires("geojson-position-not-number", #"{"type": "Point", "coordinates": ["139.7", 35.6]}"#)
    try assertFires("geojson-position-not-number", #"{"type": "MultiPoint", "coordinates": [[[0, 0], [0, 0]]]}"#)
    try assertFires("geojson-position-not-number", #"{"type": "Point", "coordinates": [null, 1]}"#)
    try assertClean(#"{"type": "Point", "coordinates": [-0.0, 1e-3]}"#)
  }

  func testPositionArity() throws {
    try assertFires("geojson-position-arity", #"{"type": "Point", "coordinates": [2]}"#)
    try assertFires("geojson-position-arity", #"{"type": "MultiPoint", "coordinates": [[]]}"#)
    try assertClean(#"{"type": "Point", "coordinates": [2, 4]}"#)
  }

  func testPositionExtended() throws {
    let found = try findings(#"{"type": "Point", "coordinates": [2, 4, 6, 8]}"#)
    XCTAssertEqual(found.map(\.ruleID), ["geojson-position-extended"])
    XCTAssertEqual(found[0].severity, .warning)
    try assertClean(#"{"type": "Point", "coordinates": [2, 4, 6]}"#)
  }

  func testEmptyCoordinatesAreAllowed() throws {
    // §3.1: processors MAY read empty "coordinates" as a null geometry; it is not an error.
    for type in ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"] {
      try assertClean(#"{"type": "\#(type)", "coordinates": []}"#)
    }
  }

  func testLineStringTooShort() throws {
    let found = try findings(#"{"type": "LineString", "coordinates": [[100.0, 0.0]]}"#)
    XCTAssertEqual(found.map(\.ruleID), ["geojson-linestring-too-short"])
    XCTAssertEqual(found[0].spec?.citation, "RFC 7946 §3.1.4")
    let multi = try findings(#"{"type": "MultiLineString", "coordinates": [[[100, 0], [101, 1]], [[102, 2]]]}"#)
    XCTAssertEqual(multi.map(\.location.pointer), ["/coordinates/1"])
    try assertClean(#"{"type": "LineString", "coordinates": [[100.0, 0.0], [100.0, 0.0]]}"#)
  }

  func testRingTooShortAndNotClosed() throws {
    let triangle = try findings(#"{"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1]]]}"#)
    XCTAssertEqual(triangle.map(\.ruleID), ["geojson-ring-too-short", "geojson-ring-not-closed"])
    XCTAssertEqual(
      try ids(#"{"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [100, 0]]]}"#), ["geojson-ring-too-short"])
    try assertFires("geojson-ring-too-short", #"{"type": "Polygon", "coordinates": [[]]}"#)
    let open = try findings(#"{"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1]]]}"#)
    XCTAssertEqual(open.map(\.ruleID), ["geojson-ring-not-closed"])
    XCTAssertEqual(open[0].location.pointer, "/coordinates/0/3")
    XCTAssertEqual(open[0].arguments["first"], "100, 0")
    // A different number of elements is a different position.
    try assertFires(
      "geojson-ring-not-closed",
      #"{"type": "Polygon", "coordinates": [[[100, 0], [100, 1], [101, 1], [101, 0], [100, 0, 4.9]]]}"#)
    // 100 and 100.0 are identical values.
    try assertClean(#"{"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100.0, 0e0]]]}"#)
  }

  func testRightHandRule() throws {
    let clockwise = try findings(
      #"{"type": "Polygon", "coordinates": [[[100, 0], [100, 1], [101, 1], [101, 0], [100, 0]]]}"#)
    XCTAssertEqual(clockwise.map(\.ruleID), ["geojson-right-hand-rule"])
    XCTAssertEqual(clockwise[0].severity, .warning)
    XCTAssertEqual(clockwise[0].arguments["ring"], "exterior ring")
    let counterclockwiseHole = try findings(
      #"{"type": "Polygon", "coordinates": [\#(square), [[100.2, 0.2], [100.8, 0.2], [100.8, 0.8], [100.2, 0.8], [100.2, 0.2]]]}"#
    )
    XCTAssertEqual(counterclockwiseHole.map(\.ruleID), ["geojson-right-hand-rule"])
    XCTAssertEqual(counterclockwiseHole[0].location.pointer, "/coordinates/1")
    try assertFires(
      "geojson-right-hand-rule",
      #"{"type": "MultiPolygon", "coordinates": [[\#(square)], [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]]}"#)
    try assertClean(#"{"type": "Polygon", "coordinates": [\#(square), \#(hole)]}"#)
    // A ring without area has no orientation.
    try assertClean(#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}"#)
  }

  func testCoordinateRange() throws {
    let swapped = try findings(#"{"type": "Point", "coordinates": [35.6812, 139.7671]}"#)
    XCTAssertEqual(swapped.map(\.ruleID), ["geojson-coordinate-range"])
    XCTAssertEqual(swapped[0].severity, .error)
    XCTAssertTrue(swapped[0].message.contains("latitude 139.7671 is outside -90..90"), swapped[0].message)
    XCTAssertTrue(swapped[0].message.contains("latitude, longitude of a place in Japan"), swapped[0].message)
    let generic = try findings(#"{"type": "Point", "coordinates": [10, 100]}"#)
    XCTAssertTrue(generic[0].message.contains("swapped"), generic[0].message)
    let projected = try findings(#"{"type": "Point", "coordinates": [-5000.5, -35000.25]}"#)
    XCTAssertTrue(projected[0].message.contains("projected"), projected[0].message)
    try assertFires("geojson-coordinate-range", #"{"type": "Point", "coordinates": [180.000001, 0]}"#)
    try assertFires("geojson-coordinate-range", #"{"type": "LineString", "coordinates": [[0, 0], [1e400, 0]]}"#)
    try assertClean(#"{"type": "MultiPoint", "coordinates": [[180, 90], [-180, -90], [139.7671, 35.6812, 3776]]}"#)
  }

  // MARK: - Bounding boxes

  func testBoundingBox() throws {
    let bad: [(String, String)] = [
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": "string"}"#, "an array of numbers"),
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": [1, 2, 3, "4"]}"#, "value 3 is a string"),
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": [1, 2, 3]}"#, "3 values"),
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": [3, 3, 1, 1]}"#, "south 3 is greater than north 1"),
      (#"{"type": "Point", "coordinates": [2, 2, 1], "bbox": [1, 1, 0, 3, 3, -5]}"#, "lowest altitude 0"),
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": [-200, 1, 3, 91]}"#, "latitude 91 is outside"),
      (#"{"type": "Point", "coordinates": [2, 2], "bbox": [1, 1, 0, 3, 3, 0]}"#, "so it needs 4"),
      (
        #"{"type": "FeatureCollection", "bbox": [100, 0, 102, 2], "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [101, 1, 5]}}]}"#,
        "3 dimensions"
      ),
    ]
    for (text, fragment) in bad {
      let found = try findings(text)
      XCTAssertEqual(found.map(\.ruleID), ["geojson-bbox"], text)
      XCTAssertTrue(
        found.first?.message.contains(fragment) ?? false, "\(found.first?.message ?? "-") lacks \(fragment)")
    }
    try assertClean(#"{"type": "Point", "coordinates": [102, 0.5], "bbox": [102, 0.5, 102, 0.5]}"#)
    // West greater than east: the box crosses the antimeridian (§5.2).
    try assertClean(#"{"type": "LineString", "coordinates": [[170, 0], [-170, 1]], "bbox": [170, 0, -170, 1]}"#)
    try assertClean(
      #"{"type": "FeatureCollection", "bbox": [100, 0.5, 15, 102, 2.5, 25], "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [102, 0.5, 15]}}]}"#
    )
    // Mixed dimensions: n is not defined, so the length is not judged.
    try assertClean(#"{"type": "MultiPoint", "coordinates": [[1, 1], [2, 2, 5]], "bbox": [1, 1, 2, 2]}"#)
    // No positions below: nothing to compare with.
    try assertClean(#"{"type": "Feature", "bbox": [1, 1, 0, 2, 2, 0], "geometry": null, "properties": {}}"#)
  }

  // MARK: - Locations and limits

  func testLocationsArePointersLinesAndClauses() throws {
    let text = """
      {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名前": "東京"},
         "geometry": {"type": "Point", "coordinates": [35.68, 139.76]}}
      ]}
      """
    let found = try findings(text)
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(found[0].location.pointer, "/features/0/geometry/coordinates")
    XCTAssertEqual([found[0].location.line, found[0].location.column], [3, 49])
    XCTAssertEqual(found[0].spec?.document, "RFC 7946")
    XCTAssertEqual(found[0].spec?.clause, "4")
  }

  func testPointersReachEveryLevelOfAMultiPolygon() throws {
    let found = try findings(
      #"{"type": "MultiPolygon", "coordinates": [[\#(square)], [\#(square), [[100.2, 0.2], [100.2, 0.8], ["x", 0.8], [100.8, 0.2], [100.2, 0.2]]]]}"#
    )
    XCTAssertEqual(found.map(\.ruleID), ["geojson-position-not-number"])
    XCTAssertEqual(found.map(\.location.pointer), ["/coordinates/1/1/2/0"])
  }

  func testGeometryInsideALargerDocumentHasAbsolutePointers() throws {
    let document = try JSONParser().parse(
      #"{"id": "urn:ngsi-ld:Shelter:1", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [35.6, 139.7]}}}"#
    ).document
    let value = try XCTUnwrap(document.root["location"]?["value"])
    let found = GeoJSONValidator().geometryFindings(value, file: "entity.json", documentNumber: 3)
    XCTAssertEqual(found.map(\.ruleID), ["geojson-coordinate-range"])
    XCTAssertEqual(found[0].location.pointer, "/location/value/coordinates")
    XCTAssertEqual(found[0].location.file, "entity.json")
    XCTAssertEqual(found[0].location.document, 3)
  }

  func testLocatorAgreesWithTheDocument() throws {
    let text = "{\"a\": [1, \"é\", {\"東\": [true, null]}],\r\n \"b\"  :\n\n  \"日本\", \"c\": [[[]]], \"d\": -0.5e3}"
    for firstLine in [1, 41] {
      let document = try JSONParser(options: .init(firstLine: firstLine)).parse(text).document
      let entries = Array(document.tape.indices)
      let batch = GeoJSONLocator.positions(of: entries, in: document)
      for entry in entries {
        XCTAssertEqual(batch[entry], document.position(ofEntry: entry), "entry \(entry)")
      }
    }
  }

  func testNumbersReadFromBytesMatchTheGeneralParser() throws {
    var lexemes = [
      "0", "-0", "1", "-1", "0.1", "0.5", "180", "180.0", "180.000000000000001", "-90.00000000000001",
      "139.76712345678901", "9007199254740993", "900719925474099.3", "123456789012345678",
      "1234567890123456789", "0.0000000000000000000001", "1e5", "-2.5E-3", "1" + String(repeating: "0", count: 40),
    ]
    var random = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let integer = Int.random(in: -180...180, using: &random)
      let fraction = String(UInt64.random(in: 0...UInt64.max, using: &random)).prefix(Int.random(in: 1...17))
      lexemes.append("\(integer).\(fraction)")
    }
    let document = try JSONParser().parse("[" + lexemes.joined(separator: ",") + "]").document
    document.root.forEachElement { index, element in
      XCTAssertEqual(GeoJSONNumber.double(element), Double(lexemes[index]), lexemes[index])
    }
    XCTAssertEqual(GeoJSONNumber.double(try JSONParser().parse("-0").document.root)?.sign, .minus)
    XCTAssertNil(GeoJSONNumber.double(try JSONParser().parse(#""1""#).document.root))
  }

  func testFindingsPerRuleAreLimited() throws {
    let positions = Array(repeating: #"["x", 1]"#, count: 150).joined(separator: ",")
    let found = try findings(#"{"type": "MultiPoint", "coordinates": [\#(positions)]}"#, limit: 100)
    XCTAssertEqual(found.filter { $0.ruleID == "geojson-position-not-number" }.count, 100)
    let truncated = found.filter { $0.ruleID == "geojson-findings-truncated" }
    XCTAssertEqual(truncated.map { $0.arguments["count"] }, ["50"])
    XCTAssertEqual(truncated.first?.severity, .info)
    let few = try findings(#"{"type": "MultiPoint", "coordinates": [["x", 1], ["y", 2]]}"#, limit: 100)
    XCTAssertFalse(few.contains { $0.ruleID == "geojson-findings-truncated" })
  }

  func testRuleCatalogue() throws {
    let ids = GeoJSONRules.all.map(\.id)
    XCTAssertEqual(Set(ids).count, ids.count, "rule ids are unique")
    for rule in GeoJSONRules.all {
      XCTAssertTrue(rule.id.hasPrefix("geojson-"), rule.id)
      XCTAssertTrue(rule.id.allSatisfy { $0.isLowercase || $0 == "-" }, rule.id)
      if rule.id != "geojson-findings-truncated" { XCTAssertEqual(rule.spec?.document, "RFC 7946", rule.id) }
    }
  }
}
