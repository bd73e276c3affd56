import Foundation
import RenkeiCore
import XCTest

@testable import RenkeiConvert

/// The IMI date-enrichment test vectors (和暦, kanji numerals, full-width digits) through the
/// `date` normalizer. Where renkei differs from a vector on purpose, the case is listed with why.
final class IMIVectorTests: XCTestCase {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/imi-enrichment-date/002-normalize.json").path

  /// 表記 → why renkei's answer differs from the vector's. IMI converts the first of January of
  /// each era's first year to the same month and day of the Gregorian year, but 大正 (1912-07-30),
  /// 昭和 (1926-12-25), 平成 (1989-01-08) and 令和 (2019-05-01) began later in that year, and 明治元年
  /// is dated in the lunisolar calendar Japan used until 明治6年 (1873), so 明治元年1月1日 is not
  /// 1868-01-01 either. renkei reports such a date as invalid rather than invent a day.
  static let beforeTheEra = [
    "令和元年一月一日", "令和1年1月1日", "R1-01-01", "r1-01-01", "明治元年1月1日", "大正元年1月1日", "昭和元年1月1日",
    "平成元年1月1日", "令和元年1月1日", "明元年1月1日", "大元年1月1日", "昭元年1月1日", "平元年1月1日", "令元年1月1日",
    "明1-1-1", "大1-1-1", "昭1-1-1", "平1-1-1", "令1-1-1", "明元-1-1", "大元-1-1", "昭元-1-1", "平元-1-1", "令元-1-1",
    "令和元ねん1がつ1にち", "㍾1-1-1", "㍽1-1-1", "㍼1-1-1", "㍻1-1-1", "㋿1-1-1", "令1-1-1",
  ]
  static let differences = Dictionary(
    beforeTheEra.map { ($0, "no such day in that era") }, uniquingKeysWith: { first, _ in first })

  func testDateVectors() throws {
    let root = try JSONParser().parse(try FileBytes.read(Self.file)).document.root
    var checked = 0
    var report: [String] = []
    for vector in root.elements {
      guard let input = vector["input"]?["表記"]?.string else { continue }
      let expected = vector["output"]?["標準型日付"]?.string
      let actual: String?
      switch Normalizer.date.apply(input) {
      case .value(let iso): actual = iso
      case .invalid: actual = nil
      }
      checked += 1
      if actual != expected && Self.differences[input] == nil {
        report.append("\(input): vector \(expected ?? "no date"), renkei \(actual ?? "no date")")
      }
    }
    XCTAssertGreaterThan(checked, 40)
    XCTAssertTrue(report.isEmpty, report.joined(separator: "\n"))
    // The differences are real: those inputs are refused, not converted to another day.
    for input in Self.beforeTheEra {
      guard case .invalid = Normalizer.date.apply(input) else { return XCTFail("\(input) accepted") }
    }
  }
}
