import Foundation
import RenkeiCore
import RenkeiModels
import XCTest

/// Hostile and random input: no crash, no quadratic time, bounded messages, and every finding
/// located where its JSON Pointer says.
final class GeoJSONHostileInputTests: XCTestCase {
  func parse(_ text: String, maxDepth: Int = 512) throws -> JSONDocument {
    try JSONParser(options: .init(maxDepth: maxDepth)).parse(text).document
  }

  func testDeeplyNestedGeometryCollections() throws {
    // Far deeper than any call stack would survive if the walk recursed.
    let depth = 100_000
    let text =
      String(repeating: #"{"type":"GeometryCollection","geometries":["#, count: depth)
      + String(repeating: "]}", count: depth)
    let document = try parse(text, maxDepth: 2 * depth + 2)
    let found = GeoJSONValidator().findings(document.root)
    XCTAssertEqual(found.filter { $0.severity == .error }, [])
    let truncated = found.filter { $0.ruleID == "geojson-findings-truncated" }
    // Every level but the outermost is nested; every level but the innermost has one part.
    XCTAssertEqual(
      Set(truncated.map { "\($0.arguments["rule"]!) \($0.arguments["count"]!)" }),
      ["geojson-nested-geometry-collection \(depth - 1 - 100)", "geojson-collection-single-type \(depth - 1 - 100)"])
    // The kept findings are the first ones, in document order.
    let nested = found.filter { $0.ruleID == "geojson-nested-geometry-collection" }
    XCTAssertEqual(nested.first?.location.pointer, "/geometries/0")
    XCTAssertEqual(nested.first?.location.column, #"{"type":"GeometryCollection","geometries":["#.count + 1)
  }

  func testHugePositionsAndRingsStayLinear() throws {
    let wide = (0..<200_000).map(String.init).joined(separator: ",")
    let text = #"{"type":"Polygon","coordinates":[[[0,0,\#(wide)],[1,0],[1,1],[0,0,\#(wide)]]]}"#
    let start = Date()
    let found = GeoJSONValidator().findings(try parse(text).root)
    XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    XCTAssertEqual(Set(found.map(\.ruleID)), ["geojson-position-extended"])
    XCTAssertTrue(found.allSatisfy { $0.message.count < 300 }, "\(found.map(\.message))")
  }

  func testManyBadPositionsOnOneLine() throws {
    // A minified file: finding columns are counted in one pass, not once per finding.
    let bad = Array(repeating: #"[200,"y"]"#, count: 300_000).joined(separator: ",")
    let text = #"{"type":"MultiPoint","coordinates":[\#(bad)]}"#
    let start = Date()
    let found = GeoJSONValidator().findings(try parse(text).root)
    XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    XCTAssertEqual(found.filter { $0.ruleID == "geojson-position-not-number" }.count, 100)
    // The kept findings are the first 100 positions; the last of them is at index 99.
    let last = found.filter { $0.ruleID == "geojson-position-not-number" }.last
    XCTAssertEqual(last?.location.pointer, "/coordinates/99/1")
    XCTAssertEqual(last?.location.column, #"{"type":"MultiPoint","coordinates":["#.count + 99 * 10 + 6)
  }

  func testLongTextIsShortenedInMessages() throws {
    let long = String(repeating: "ジ", count: 100_000)
    let digits = String(repeating: "9", count: 100_000)
    let text =
      #"{"type":"FeatureCollection","features":[{"type":"\#(long)","properties":{},"geometry":{"type":"Point","coordinates":[\#(digits),"\#(long)"]}}]}"#
    let found = GeoJSONValidator().findings(try parse(text).root)
    XCTAssertEqual(Set(found.map(\.ruleID)), ["geojson-invalid-type", "geojson-position-not-number"])
    XCTAssertTrue(found.allSatisfy { $0.message.count < 400 }, "\(found.map(\.message.count))")
  }

  func testNonNumbersAndWrongShapesEverywhere() throws {
    let junk = [
      #"null"#, #"true"#, #""1""#, #"{}"#, #"[]"#, #"[[]]"#, #"[null]"#, #"[[{}]]"#, #"[[[[[[1]]]]]]"#, "1e400",
    ]
    let types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
    for type in types {
      for value in junk {
        let text = #"{"type":"\#(type)","coordinates":\#(value),"bbox":\#(value)}"#
        let found = GeoJSONValidator().findings(try parse(text).root)
        for finding in found { XCTAssertEqual(finding.spec?.document, "RFC 7946", "\(text): \(finding.message)") }
      }
    }
  }

  /// SplitMix64, so the random documents are the same on every run.
  struct Random: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A GeoJSON-like value, often slightly wrong.
  func randomValue(_ random: inout Random, depth: Int) -> String {
    let scalars = ["0", "-180", "180.0", "90", "-91", "35.6", "139.7", "1e3", "null", "true", #""x""#, "{}"]
    func number() -> String { scalars[Int.random(in: 0..<scalars.count, using: &random)] }
    func array(_ count: Int, _ make: () -> String) -> String {
      "[" + (0..<count).map { _ in make() }.joined(separator: ",") + "]"
    }
    func position() -> String { array(Int.random(in: 0...4, using: &random)) { number() } }
    func coordinates(_ level: Int) -> String {
      level == 0 ? position() : array(Int.random(in: 0...5, using: &random)) { coordinates(level - 1) }
    }
    let types = [
      "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
      "Feature", "FeatureCollection", "point", "Foo",
    ]
    let type = types[Int.random(in: 0..<types.count, using: &random)]
    var members = [#""type":"\#(type)""#]
    if Bool.random(using: &random) || depth > 3 {
      members.append(#""coordinates":\#(coordinates(Int.random(in: 0...4, using: &random)))"#)
    }
    if depth < 4 && Bool.random(using: &random) {
      members.append(
        #""geometries":\#(array(Int.random(in: 0...3, using: &random)) { randomValue(&random, depth: depth + 1) })"#)
    }
    if depth < 4 && Bool.random(using: &random) {
      members.append(
        #""features":\#(array(Int.random(in: 0...3, using: &random)) { randomValue(&random, depth: depth + 1) })"#)
    }
    if depth < 4 && Bool.random(using: &random) {
      members.append(#""geometry":\#(Bool.random(using: &random) ? "null" : randomValue(&random, depth: depth + 1))"#)
    }
    if Bool.random(using: &random) { members.append(#""properties":\#(Bool.random(using: &random) ? "{}" : "[]")"#) }
    if Int.random(in: 0..<4, using: &random) == 0 {
      members.append(#""bbox":\#(array(Int.random(in: 0...6, using: &random)) { number() })"#)
    }
    if Int.random(in: 0..<8, using: &random) == 0 { members.append(#""type":"Point""#) }
    if Int.random(in: 0..<8, using: &random) == 0 { members.append(#""crs":null"#) }
    return "{" + members.shuffled(using: &random).joined(separator: ",\n ") + "}"
  }

  func testRandomDocumentsAreLocatedWhereTheirPointersSay() throws {
    var random = Random(state: 7946)
    var seen = Set<String>()
    for _ in 0..<1500 {
      let text = randomValue(&random, depth: 0)
      let parsed = try JSONParser().parse(text)
      let document = parsed.document
      // With a repeated member, a pointer names the first occurrence and GeoJSON reads the last.
      let repeats = parsed.issues.contains {
        if case .duplicateKey = $0 { return true }
        return false
      }
      for finding in GeoJSONValidator().findings(document.root) {
        seen.insert(finding.ruleID)
        let pointer = try XCTUnwrap(finding.location.pointer.flatMap(JSONPointer.init), finding.message)
        let value = try XCTUnwrap(pointer.resolve(in: document.root), "\(pointer) in \(text)")
        // A repeated member is shown at its repeated key, everything else at its value.
        guard finding.ruleID != "geojson-duplicate-member", !repeats else { continue }
        let position = value.position
        XCTAssertEqual([finding.location.line, finding.location.column], [position.line, position.column], text)
      }
    }
    // The generator reaches most rules.
    XCTAssertGreaterThanOrEqual(seen.count, 15, "\(seen.sorted())")
  }
}
