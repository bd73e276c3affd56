import RenkeiCore
import XCTest

@testable import RenkeiConvert

final class ConversionPlanTests: XCTestCase {
  let yaml = """
    model: PointOfInterest
    id: "urn:ngsi-ld:PointOfInterest:{code}:{no}"
    columns:
      - {name: code, normalize: [width]}
      - {name: "no", normalize: [width]}
      - {name: name, required: true}
      - {name: kind, values: {"○": "1"}}
      - {name: lat, type: number}
      - {name: lon, type: number}
      - {name: days, normalize: [weekdays]}
      - {name: opens, type: time}
      - {name: closes, type: time}
      - {name: tags}
      - {name: count, type: integer}
    attributes:
      name: name
      category: {from: kind, lookup: {"1": [school]}}
      flag: {from: kind, empty: ""}
      location: {point: {latitude: lat, longitude: lon}}
      openingHoursSpecification: {opening-hours: {days: days, opens: opens, closes: closes}}
      tags: {from: tags, split: ";"}
      capacity: {from: count, unit: C62}
      address: {object: {addressCountry: {value: JP}, postalCode: code}}
      note: {template: "{name} ({code})", when: {column: kind, equals: ["1"]}, else: {value: none}}
    """

  func plan(_ labels: [String]? = nil) throws -> ConversionPlan {
    let mapping = try Fixtures.mapping(yaml)
    return MappingCompiler(mapping: mapping).compile(labels: labels ?? mapping.columns.map(\.name), file: "t.csv").0
  }

  func row(_ cells: [String], _ plan: ConversionPlan? = nil) throws -> ConversionPlan.Row {
    try (plan ?? self.plan()).convert(cells, location: SourceLocation(file: "t.csv", line: 2, row: 2))
  }

  func testAFullRow() throws {
    let result = try row([
      "２２２１２７", "0001", "市役所", "○", "34.866918", "138.323171", "月～金", "8:30", "17:15", "a; b", "12",
    ])
    let entity = try XCTUnwrap(result.entity)
    XCTAssertEqual(entity.id, "urn:ngsi-ld:PointOfInterest:222127:0001")
    XCTAssertEqual(
      result.cells, ["222127", "0001", "市役所", "1", "34.866918", "138.323171", "月火水木金", "08:30", "17:15", "a; b", "12"])
    XCTAssertEqual(entity["category"]?.value, .list([.text("school")]))
    XCTAssertEqual(entity["flag"]?.value, .text("1"))
    XCTAssertEqual(entity["location"]?.value, .point(longitude: "138.323171", latitude: "34.866918"))
    XCTAssertEqual(entity["location"]?.kind, .geoProperty)
    XCTAssertEqual(entity["tags"]?.value, .list([.text("a"), .text("b")]))
    XCTAssertEqual(entity["capacity"]?.value, .number("12"))
    XCTAssertEqual(entity["capacity"]?.unitCode, "C62")
    XCTAssertEqual(entity["note"]?.value, .text("市役所 (222127)"))
    guard case .list(let hours)? = entity["openingHoursSpecification"]?.value else { return XCTFail("no hours") }
    XCTAssertEqual(hours.count, 5)
    XCTAssertEqual(
      hours[0],
      .object([
        .init("dayOfWeek", .text("Monday")), .init("opens", .text("08:30:00")), .init("closes", .text("17:15:00")),
      ]))
    XCTAssertTrue(result.findings.isEmpty, "\(result.findings)")
  }

  func testEmptyOptionalValuesMakeNoAttributes() throws {
    let result = try row(["222127", "0002", "公園", "", "", "", "", "", "", "", ""])
    let entity = try XCTUnwrap(result.entity)
    XCTAssertEqual(entity.attributes.map(\.name), ["name", "flag", "address", "note"])
    XCTAssertEqual(entity["flag"]?.value, .text(""))
    XCTAssertEqual(entity["note"]?.value, .text("none"))
    XCTAssertTrue(result.findings.isEmpty)
  }

  func testRequiredColumnEmptyRejectsTheRow() throws {
    let result = try row(["222127", "0003", "", "", "", "", "", "", "", "", ""])
    XCTAssertNil(result.entity)
    XCTAssertEqual(result.findings.map(\.ruleID), ["convert-required-missing"])
    XCTAssertEqual(result.findings.first?.location.row, 2)
    XCTAssertEqual(result.findings.first?.location.field, "name")
    XCTAssertEqual(result.findings.first?.severity, .error)
  }

  func testIdColumnEmptyRejectsTheRow() throws {
    let result = try row(["222127", "", "公園", "", "", "", "", "", "", "", ""])
    XCTAssertNil(result.entity)
    XCTAssertEqual(result.findings.map(\.ruleID), ["convert-id-incomplete"])
  }

  func testInvalidValuesAreLeftOutWithAWarning() throws {
    let result = try row(["222127", "0004", "公園", "", "北緯35度", "139.0", "", "朝", "", "", "1.5"])
    let entity = try XCTUnwrap(result.entity)
    XCTAssertNil(entity["location"])
    XCTAssertNil(entity["capacity"])
    XCTAssertEqual(
      result.findings.map(\.ruleID), ["convert-value-invalid", "convert-value-invalid", "convert-value-invalid"])
    XCTAssertEqual(result.findings.map(\.location.field), ["lat", "opens", "count"])
    XCTAssertTrue(result.findings.allSatisfy { $0.severity == .warning })
  }

  func testLookupMissWarns() throws {
    let result = try row(["222127", "0005", "公園", "2", "", "", "", "", "", "", ""])
    XCTAssertNil(result.entity?["category"])
    XCTAssertEqual(result.findings.map(\.ruleID), ["convert-lookup-missing"])
  }

  func testLabelsFoundByAliasAndWidthAndMissingOnesReported() throws {
    let mapping = try Fixtures.mapping(
      """
      model: M
      id: "x:{code}"
      columns:
        - {name: 都道府県コード又は市区町村コード, aliases: [全国地方公共団体コード]}
        - {name: code, aliases: [ＣＯＤＥ]}
        - 料金（基本）
        - 備考
      attributes: {price: 料金（基本）}
      """)
    let (plan, findings) = MappingCompiler(mapping: mapping).compile(
      labels: ["全国地方公共団体コード", "CODE", "料金(基本)", "extra"], file: "t.csv")
    XCTAssertEqual(plan.sourceIndexes, [0, 1, 2, nil])
    XCTAssertEqual(findings.map(\.ruleID), ["convert-column-missing", "convert-column-unmapped"])
    XCTAssertEqual(findings.map(\.location.field), ["備考", "extra"])
  }
}
