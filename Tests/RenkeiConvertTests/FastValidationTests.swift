import RenkeiCore
import RenkeiModels
import XCTest

@testable import RenkeiConvert

/// The shortcut for NGSI-LD normalized output (NGSILDFastValidation) must reject exactly the
/// entities the full ModelValidator rejects, with the full validator's findings.
final class FastValidationTests: XCTestCase {
  func testSameVerdictsAsTheFullValidator() throws {
    let mapping = try Fixtures.mapping(
      """
      model: PointOfInterest
      id: "urn:ngsi-ld:PointOfInterest:{NO}"
      columns:
        - {name: "NO"}
        - {name: 名称, required: true}
        - {name: 場所}
      attributes:
        name: 名称
        location: 場所
      """)
    // Row 2 valid; row 3 a text location (schema error); row 4 an id with a space (structure error).
    let path = try Fixtures.temporary("fast.csv", "NO,名称,場所\r\n1,図書館,\r\n2,公園,どこか\r\n3 x,駅,\r\n")
    let validator = try Fixtures.validator(for: mapping, representation: .ngsiLDNormalized)
    XCTAssertNotNil(NGSILDFastValidation(validator: validator, mapping: mapping))
    let (plain, output) = try Fixtures.convert(CSVRecordSource(path: path), mapping: mapping, target: .ngsiLD)
    XCTAssertEqual(plain.entitiesOut, 3)
    var expected: [String] = []
    for line in output.split(separator: "\n") {
      let root = try JSONParser().parse(String(line)).document.root
      expected += validator.entityFindings(root, file: path).filter { $0.severity == .error }.map(\.ruleID)
    }
    let (checked, _) = try Fixtures.convert(
      CSVRecordSource(path: path), mapping: mapping, target: .ngsiLD, validator: validator)
    XCTAssertEqual(checked.rejected, 2)
    XCTAssertEqual(checked.entitiesOut, 1)
    let reported = checked.findings.filter { $0.severity == .error && $0.ruleID != ConvertRules.entityInvalid.id }
    XCTAssertEqual(reported.map(\.ruleID).sorted(), expected.sorted())
    XCTAssertFalse(expected.isEmpty)
  }
}
