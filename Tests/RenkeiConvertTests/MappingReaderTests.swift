import XCTest

@testable import RenkeiConvert

final class MappingReaderTests: XCTestCase {
  func testReadsEverySourceKind() throws {
    let mapping = try Fixtures.mapping(
      """
      model: PointOfInterest
      id: "urn:ngsi-ld:PointOfInterest:{code}:{no}"
      columns:
        - code
        - {name: "no", aliases: [NO, ID], normalize: [width], required: true}
        - {name: kind, values: {"○": "1"}}
        - {name: lat, type: number}
        - {name: lon, type: number}
        - days
        - opens
        - tags
      attributes:
        name: {template: "{code}-{no}"}
        category: {from: kind, lookup: {"1": school}, default: other}
        flag: {from: kind, empty: ""}
        location: {point: {latitude: lat, longitude: lon}}
        hours: {opening-hours: {days: days, opens: opens, closes: opens}}
        tags: {from: tags, split: ";、"}
        height: {from: lat, unit: MTR}
        owner: {from: code, kind: relationship}
        address: {object: {country: {value: JP}, code: code}}
        note: {value: fixed, when: {column: kind, equals: ["1"]}, else: {value: other}}
      """)
    XCTAssertEqual(mapping.name, "test")
    XCTAssertEqual(mapping.entityType, "PointOfInterest")
    XCTAssertEqual(mapping.columns.map(\.name), ["code", "no", "kind", "lat", "lon", "days", "opens", "tags"])
    XCTAssertEqual(mapping.columns[1].aliases, ["NO", "ID"])
    XCTAssertEqual(mapping.columns[1].normalizers, [.width])
    XCTAssertTrue(mapping.columns[1].required)
    XCTAssertEqual(mapping.columns[3].type, .number)
    XCTAssertEqual(mapping.attributes.map(\.name).count, 10)
    XCTAssertEqual(mapping.attributes.first { $0.name == "location" }?.kind, .geoProperty)
    XCTAssertEqual(mapping.attributes.first { $0.name == "owner" }?.kind, .relationship)
    XCTAssertEqual(mapping.attributes.first { $0.name == "height" }?.unitCode, "MTR")
    XCTAssertEqual(mapping.attributes.first { $0.name == "flag" }?.empty, .text(""))
  }

  func testMistakesNameTheirPlace() {
    let cases: [(String, String)] = [
      ("id: x\ncolumns: [a]\n", "model"),
      ("model: M\ncolumns: [a]\n", "id"),
      ("model: M\nid: x\ncolumns: [a]\nattributes: {b: {from: missing}}\n", "missing"),
      ("model: M\nid: \"{nope}\"\ncolumns: [a]\n", "nope"),
      ("model: M\nid: x\ncolumns: [{name: a, normalize: [shout]}]\n", "shout"),
      ("model: M\nid: x\ncolumns: [{name: a, type: colour}]\n", "column type"),
      ("model: M\nid: x\ncolumns: [a]\nattributes: {b: {form: a}}\n", "form"),
      ("model: M\nid: x\ncolums: [a]\n", "colums"),
    ]
    for (yaml, expected) in cases {
      XCTAssertThrowsError(try Fixtures.mapping(yaml), yaml) { error in
        XCTAssertTrue("\(error)".contains(expected), "\(error) should mention \(expected)")
      }
    }
  }

  func testEveryBuiltInMappingReads() throws {
    let catalog = try Fixtures.catalog()
    XCTAssertGreaterThanOrEqual(catalog.mappings.count, 13)
    for mapping in catalog.mappings {
      XCTAssertFalse(mapping.columns.isEmpty, mapping.name)
      XCTAssertFalse(mapping.id.columns.isEmpty, mapping.name)
    }
  }
}
