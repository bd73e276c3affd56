import RenkeiCore
import XCTest

@testable import RenkeiConvert

/// NGSI-LD normalized and key-values output is written straight from a row's cells
/// (NGSILDRowWriter); every other target goes through ConvertedEntity and its serializer. The two
/// routes must give the same bytes and the same findings.
final class DirectWritingTests: XCTestCase {
  /// Every kind of value source, units, `empty`, and cells that are not standard yet (full-width
  /// digits, 和暦-free times such as 8:30, spaces around values, a bad phone number, a point out
  /// of range, an unknown lookup value, quotes and control characters to escape).
  let yaml = """
    model: PointOfInterest
    id: "urn:ngsi-ld:PointOfInterest:{code}:{no|uri}"
    columns:
      - {name: code, normalize: [width]}
      - {name: "no", normalize: [width]}
      - {name: name, required: true}
      - {name: kana, normalize: [katakana]}
      - {name: kind, values: {"○": "1"}}
      - {name: lat, type: number}
      - {name: lon, type: number}
      - {name: days, normalize: [weekdays]}
      - {name: opens, type: time}
      - {name: closes, type: time}
      - {name: tags}
      - {name: count, type: integer}
      - {name: phone, normalize: [phone]}
      - {name: open, type: boolean}
      - {name: since, type: date}
    attributes:
      name: name
      nameKana: kana
      category: {from: kind, lookup: {"1": [school], "2": [library]}}
      flag: {from: kind, empty: ""}
      location: {point: {latitude: lat, longitude: lon}}
      openingHoursSpecification: {opening-hours: {days: days, opens: opens, closes: closes}}
      tags: {from: tags, split: ";"}
      capacity: {from: count, unit: C62}
      address: {object: {addressCountry: {value: JP}, postalCode: code, extra: {object: {x: tags}}}}
      note: {template: "{name} ({code})", when: {column: kind, equals: ["1"]}, else: {value: none}}
      telephone: phone
      isOpen: open
      since: since
      ref: {template: "urn:ngsi-ld:Thing:{no|uri}"}
    """

  let csv = """
    code,no,name,kana,kind,lat,lon,days,opens,closes,tags,count,phone,open,since
    ２２２１２７,0001,市役所,ｼﾔｸｼｮ,○,34.866918,138.323171,月～金,8:30,17:15,a; b,12,054-626-1139,有,R5.4.1
    222127,0002, "引用""符" ,シヤクシヨ,2,95.0,138.1,,,,,,(054)626-1139,無,2023-04-01
    222127,0003,tab\there,,3,34.1,138.1,月,09:00,,x,1.5,12345,maybe,2023-02-30
    222127,0 04/a,　全角スペース　,,,-90.0,-180,,,,;;,+1,,,
    ,0005,missing code,,,,,,,,,,,,
    222127,0006,,,,,,,,,,,,,

    """

  func testBothRoutesWriteTheSameBytesAndFindings() throws {
    let mapping = try Fixtures.mapping(yaml)
    let path = try Fixtures.temporary("direct.csv", csv)
    let validator = try Fixtures.validator(for: mapping, representation: .ngsiLDNormalized)
    for target in [ConversionTarget.ngsiLD, .ngsiLDKeyValues] {
      for validating in [false, true] {
        let check = validating ? validator : nil
        let direct = try Fixtures.convert(
          CSVRecordSource(path: path), mapping: mapping, target: target, validator: check)
        let entity = try Fixtures.convert(
          CSVRecordSource(path: path), mapping: mapping, target: target, validator: check, direct: false)
        XCTAssertEqual(direct.1, entity.1, "\(target), validating: \(validating)")
        XCTAssertEqual(direct.0.findings, entity.0.findings, "\(target)")
        XCTAssertEqual(direct.0.entitiesOut, entity.0.entitiesOut)
        XCTAssertEqual(direct.0.rejected, entity.0.rejected)
      }
    }
    // The rows did exercise what they are meant to: accepted, noted and rejected ones.
    let (summary, output) = try Fixtures.convert(CSVRecordSource(path: path), mapping: mapping, target: .ngsiLD)
    XCTAssertEqual(summary.rowsIn, 6)
    XCTAssertEqual(summary.rejected, 2)
    XCTAssertTrue(output.contains(#""value":"\"引用\"\"符\"""#) || output.contains(#"引用\"符"#), output)
    XCTAssertTrue(output.contains(#"tab\there"#))
    XCTAssertTrue(output.contains("urn:ngsi-ld:PointOfInterest:222127:0%2004%2Fa"))
    XCTAssertTrue(summary.findings.contains { $0.ruleID == ConvertRules.lookupMissing.id })
    XCTAssertTrue(summary.findings.contains { $0.ruleID == ConvertRules.valueInvalid.id })
  }

  func testBothRoutesAgreeOnEverySample() throws {
    for path in Fixtures.sampleCSVs {
      let source = CSVRecordSource(path: path)
      let (mapping, _) = try XCTUnwrap(try Fixtures.catalog().detect(path: path, labels: try source.labels()), path)
      for target in [ConversionTarget.ngsiLD, .ngsiLDKeyValues] {
        let direct = try Fixtures.convert(source, mapping: mapping, target: target)
        let entity = try Fixtures.convert(source, mapping: mapping, target: target, direct: false)
        XCTAssertEqual(direct.1, entity.1, "\(path) → \(target)")
        XCTAssertEqual(direct.0.findings, entity.0.findings, path)
      }
    }
  }

  func testTrimmingOnBytesMatchesTrimmingStrings() {
    for text in ["", " ", "　", "a", " a ", "　a　", "\ta\r\n", "　 　x 　", "x　y", "ａ　", "　"] {
      let bytes = Array(text.utf8)
      let range = bytes.withUnsafeBufferPointer { ConversionPlan.trimmed($0, 0..<bytes.count) }
      XCTAssertEqual(String(decoding: bytes[range], as: UTF8.self), text.trimmingSpacesForConversion, text)
    }
  }

  func testCoordinateRangeReadFromDigits() {
    for (lexeme, limit, expected) in [
      ("90", 90, true), ("90.0", 90, true), ("90.000001", 90, false), ("-90.5", 90, false), ("89.999", 90, true),
      ("180", 180, true), ("-180.0", 180, true), ("181", 180, false), ("0", 90, true), ("1e2", 90, false),
      ("9e1", 90, true), ("-0.5", 90, true),
    ] {
      XCTAssertEqual(ConversionPlan.magnitude(of: lexeme, isAtMost: limit), expected, lexeme)
    }
  }
}
