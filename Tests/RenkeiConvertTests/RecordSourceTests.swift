import RenkeiCore
import XCTest

@testable import RenkeiConvert

final class RecordSourceTests: XCTestCase {
  let mapping = """
    model: PointOfInterest
    id: "urn:ngsi-ld:PointOfInterest:{code}:{no}"
    columns:
      - {name: code, required: true}
      - {name: "no", path: /meta/no}
      - {name: name, required: true}
      - {name: lat, type: number, path: "geo/@lat"}
    attributes:
      name: name
      latitude: lat
    """

  func testJSONRecordsAtAPointer() throws {
    let mapping = try Fixtures.mapping(
      self.mapping.replacingOccurrences(of: "path: \"geo/@lat\"", with: "path: /geo/lat"))
    let path = try Fixtures.temporary(
      "in.json",
      #"{"items": [{"code": "222127", "meta": {"no": 1}, "name": "市役所", "geo": {"lat": 34.8}}, 7, {"code": "222127", "meta": {"no": 2}}]}"#
    )
    let (summary, output) = try Fixtures.convert(
      JSONRecordSource(path: path, lines: false, records: JSONPointer("/items"), mapping: mapping), mapping: mapping,
      target: .ngsiLDKeyValues)
    XCTAssertEqual(summary.rowsIn, 3)
    XCTAssertEqual(summary.entitiesOut, 1)
    XCTAssertEqual(summary.rejected, 2)
    XCTAssertTrue(
      output.contains(
        #""id":"urn:ngsi-ld:PointOfInterest:222127:1","type":"PointOfInterest","name":"市役所","latitude":34.8"#))
    let errors = summary.findings.filter { $0.severity == .error }
    XCTAssertEqual(errors.map(\.ruleID), ["convert-record-not-object", "convert-required-missing"])
    XCTAssertEqual(errors.map(\.location.pointer), ["/items/1", "/items/2"])
  }

  func testJSONLinesAndAMissingPointer() throws {
    let mapping = try Fixtures.mapping(self.mapping)
    let path = try Fixtures.temporary(
      "in.jsonl",
      "{\"code\":\"1\",\"name\":\"a\",\"meta\":{\"no\":\"x\"}}\n\n{\"code\":\"1\",\"name\":\"b\",\"meta\":{\"no\":\"y\"}}\n"
    )
    let (summary, output) = try Fixtures.convert(
      JSONRecordSource(path: path, lines: true, records: nil, mapping: mapping), mapping: mapping,
      target: .ngsiLDKeyValues)
    XCTAssertEqual(summary.entitiesOut, 2)
    XCTAssertEqual(output.split(separator: "\n").count, 2)
    XCTAssertEqual(summary.findings.filter { $0.severity == .error }.count, 0)
    XCTAssertThrowsError(
      try Fixtures.convert(
        JSONRecordSource(path: path, lines: true, records: JSONPointer("/nope"), mapping: mapping), mapping: mapping,
        target: .csv))
  }

  func testXMLRepeatingElements() throws {
    let mapping = try Fixtures.mapping(
      self.mapping.replacingOccurrences(of: "path: /meta/no", with: "path: meta/no"))
    let path = try Fixtures.temporary(
      "in.xml",
      """
      <?xml version="1.0"?>
      <list><item><code>222127</code><meta><no>1</no></meta><name>市役所</name><geo lat="34.8"/></item>
      <item><code>222127</code><meta><no>2</no></meta><name><![CDATA[A & B]]></name></item>
      <other><item><code>x</code></item></other></list>
      """)
    let (summary, output) = try Fixtures.convert(
      XMLRecordSource(path: path, records: "/list/item", mapping: mapping), mapping: mapping, target: .csv)
    XCTAssertEqual(summary.rowsIn, 2)
    XCTAssertEqual(output, "code,no,name,lat\r\n222127,1,市役所,34.8\r\n222127,2,A & B,\r\n")
    // Unanchored, the nested item is a record too (and is rejected: it has no name).
    let (all, _) = try Fixtures.convert(
      XMLRecordSource(path: path, records: "item", mapping: mapping), mapping: mapping, target: .csv)
    XCTAssertEqual(all.rowsIn, 3)
    XCTAssertEqual(all.rejected, 1)
  }

  func testMalformedXMLIsAnError() throws {
    let mapping = try Fixtures.mapping(self.mapping)
    let path = try Fixtures.temporary("bad.xml", "<list><item><code>1</code></list>")
    XCTAssertThrowsError(
      try Fixtures.convert(
        XMLRecordSource(path: path, records: "item", mapping: mapping), mapping: mapping, target: .csv))
  }

  func testCSVBlankRowsDuplicatesAndWidth() throws {
    let mapping = try Fixtures.mapping(self.mapping)
    let path = try Fixtures.temporary(
      "in.csv", "code,no,name,lat\n1,1,a,35\n\n1,1,b,35\n1,2,c,35,extra\n1,3,d\n")
    let (summary, output) = try Fixtures.convert(
      CSVRecordSource(path: path), mapping: mapping, target: .ngsiLDKeyValues)
    XCTAssertEqual(summary.rowsIn, 4)
    XCTAssertEqual(summary.blankRows, 1)
    XCTAssertEqual(summary.entitiesOut, 3)
    XCTAssertEqual(summary.rejected, 1)
    XCTAssertEqual(output.split(separator: "\n").count, 3)
    let byRule = Dictionary(grouping: summary.findings, by: \.ruleID).mapValues { $0.compactMap(\.location.row) }
    XCTAssertEqual(byRule["convert-duplicate-id"], [4])
    let duplicate = summary.findings.first { $0.ruleID == "convert-duplicate-id" }
    XCTAssertEqual(duplicate?.arguments["first"], "2")
    XCTAssertEqual(duplicate?.message.contains("already made from row 2"), true)
    XCTAssertEqual(byRule["convert-row-width"], [5, 6])
    XCTAssertEqual(byRule["convert-blank-row"], [3])
  }

  func testFindingsBeyondTheLimitAreCounted() throws {
    let mapping = try Fixtures.mapping(self.mapping)
    let rows = (1...50).map { "1,\($0),,35" }.joined(separator: "\n")
    let path = try Fixtures.temporary("in.csv", "code,no,name,lat\n" + rows + "\n")
    let runner = ConversionRunner(mapping: mapping, options: .init(target: .csv, maxFindingsPerRule: 10))
    let summary = try runner.run(CSVRecordSource(path: path)) { _, _ in }
    XCTAssertEqual(summary.rejected, 50)
    XCTAssertEqual(summary.findings.filter { $0.ruleID == "convert-required-missing" }.count, 10)
    XCTAssertEqual(summary.unlisted["convert-required-missing"], 40)
  }
}
