import RenkeiCore
import RenkeiModels
import XCTest

@testable import RenkeiConvert

/// The issue's "done when": every real CSV in samples/csv converts with its built-in mapping, every
/// entity validates against the mapping's model, and standard CSV → NGSI-LD key-values → standard
/// CSV gives back the normalized input.
final class SampleConversionTests: XCTestCase {
  func builtIn(_ path: String) throws -> Mapping {
    let source = CSVRecordSource(path: path)
    let (mapping, _) = try XCTUnwrap(try Fixtures.catalog().detect(path: path, labels: try source.labels()), path)
    return mapping
  }

  func testEverySampleConvertsAndValidates() throws {
    XCTAssertEqual(Fixtures.sampleCSVs.count, 9)
    var expected: [String: Int] = [
      "katsushika_tourism.csv": 3, "shimabara_tourism.csv": 28, "222127_aed.csv": 82,
      "222127_evacuation_space.csv": 31, "222127_facilities_smartmap.csv": 28, "222127_fire_hydrant.csv": 193,
      "222127_preschool.csv": 60, "222127_public_toilet.csv": 112, "222127_public_wireless_lan.csv": 17,
    ]
    for path in Fixtures.sampleCSVs {
      let mapping = try builtIn(path)
      let validator = try Fixtures.validator(for: mapping, representation: .ngsiLDNormalized)
      let (summary, output) = try Fixtures.convert(
        CSVRecordSource(path: path), mapping: mapping, target: .ngsiLD, validator: validator)
      let name = String(path.split(separator: "/").last!)
      XCTAssertEqual(summary.rowsIn, expected.removeValue(forKey: name), name)
      XCTAssertEqual(summary.rejected, 0, "\(name): \(summary.findings.filter { $0.severity == .error }.prefix(3))")
      XCTAssertEqual(summary.entitiesOut, summary.rowsIn, name)
      // Validated again from the written text, as a broker would receive it.
      for line in output.split(separator: "\n") {
        let root = try JSONParser().parse(String(line)).document.root
        let findings = validator.entityFindings(root, file: name).filter { $0.severity == .error }
        XCTAssertTrue(findings.isEmpty, "\(name): \(findings.first?.message ?? "")")
      }
    }
    XCTAssertTrue(expected.isEmpty)
  }

  func testEverySampleValidatesInEveryTarget() throws {
    for path in Fixtures.sampleCSVs {
      let mapping = try builtIn(path)
      for target in ConversionTarget.allCases
      where !target.isNGSIv2 || (try? ConversionRunner.check(mapping, for: target)) != nil {
        let representation = target.representation ?? .ngsiLDKeyValues
        let validator = try Fixtures.validator(for: mapping, representation: representation)
        let (summary, _) = try Fixtures.convert(
          CSVRecordSource(path: path), mapping: mapping, target: target, validator: validator, layout: .array)
        XCTAssertEqual(
          summary.rejected, 0, "\(path) → \(target): \(summary.findings.first { $0.severity == .error }?.message ?? "")"
        )
      }
    }
  }

  func testRoundTripStandardCSVThroughNGSILDKeyValues() throws {
    for path in Fixtures.sampleCSVs {
      let mapping = try builtIn(path)
      let (_, normalized) = try Fixtures.convert(CSVRecordSource(path: path), mapping: mapping, target: .csv)
      for target in [ConversionTarget.ngsiLDKeyValues, .ngsiLD, .ngsiLDConcise, .geojson] {
        let (_, entities) = try Fixtures.convert(
          CSVRecordSource(path: path), mapping: mapping, target: target, layout: .array)
        let file = try Fixtures.temporary("entities.json", entities)
        let (summary, back) = try Fixtures.convert(
          JSONRecordSource(path: file, lines: false, records: nil, mapping: mapping), mapping: mapping, target: .csv)
        XCTAssertEqual(summary.rejected, 0)
        XCTAssertEqual(back, normalized, "\(path) via \(target)")
      }
    }
  }

  func testNGSIv2RefusesNonASCIINames() throws {
    let mapping = try XCTUnwrap(try Fixtures.catalog().mapping(named: "aed"))
    XCTAssertThrowsError(try ConversionRunner.check(mapping, for: .ngsiV2))
    XCTAssertNoThrow(try ConversionRunner.check(mapping, for: .ngsiLD))
    let poi = try XCTUnwrap(try Fixtures.catalog().mapping(named: "public_facility"))
    XCTAssertNoThrow(try ConversionRunner.check(poi, for: .ngsiV2))
  }

  func testShiftJISInputIsDecoded() throws {
    let path = Fixtures.samples + "/tablelinker-lib/katsushika_tourism.csv"
    let (summary, output) = try Fixtures.convert(
      CSVRecordSource(path: path), mapping: try builtIn(path), target: .ngsiLDKeyValues)
    XCTAssertTrue(output.contains("葛飾柴又寅さん記念館"))
    // Read as Shift_JIS, said so once for the file.
    XCTAssertEqual(summary.findings.filter { $0.ruleID == "csv-encoding" }.count, 1)
    // The one phone number with a note in it is left out, and said so.
    XCTAssertEqual(summary.findings.filter { $0.ruleID == "convert-value-invalid" }.map(\.location.row), [3])
  }
}
