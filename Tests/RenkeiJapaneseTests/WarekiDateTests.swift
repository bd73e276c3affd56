import RenkeiJapanese
import XCTest

final class WarekiDateTests: XCTestCase {
  private func iso(_ text: String) -> String? {
    guard case .success(let date) = WarekiDate.parse(text) else { return nil }
    return date.iso
  }

  private func form(_ text: String) -> WarekiDate.Form? {
    guard case .success(let date) = WarekiDate.parse(text) else { return nil }
    return date.form
  }

  func testEraSpellings() {
    XCTAssertEqual(iso("令和5年4月1日"), "2023-04-01")
    XCTAssertEqual(iso("令和元年5月1日"), "2019-05-01")
    XCTAssertEqual(iso("R5.4.1"), "2023-04-01")
    XCTAssertEqual(iso("R05/04/01"), "2023-04-01")
    XCTAssertEqual(iso("r5.4.1"), "2023-04-01")
    XCTAssertEqual(iso("H31.4.30"), "2019-04-30")
    XCTAssertEqual(iso("平成元年1月8日"), "1989-01-08")
    XCTAssertEqual(iso("昭和64年1月7日"), "1989-01-07")
    XCTAssertEqual(iso("大正15年12月24日"), "1926-12-24")
    XCTAssertEqual(iso("明治45年7月29日"), "1912-07-29")
    XCTAssertEqual(iso("令和五年四月一日"), "2023-04-01")
    XCTAssertEqual(iso("平成三十一年四月三十日"), "2019-04-30")
    XCTAssertEqual(iso("令和５年４月１日"), "2023-04-01")
    XCTAssertEqual(iso("Ｒ５．４．１"), "2023-04-01")
    XCTAssertEqual(form("令和5年4月1日"), .eraKanji)
    XCTAssertEqual(form("R5.4.1"), .eraAbbreviated)
    if case .success(let date) = WarekiDate.parse("令和元年5月1日") {
      XCTAssertEqual(date.era, .reiwa)
      XCTAssertEqual(date.eraYear, 1)
    } else {
      XCTFail("令和元年5月1日")
    }
  }

  func testWesternSpellings() {
    XCTAssertEqual(iso("2023年4月1日"), "2023-04-01")
    XCTAssertEqual(form("2023年4月1日"), .westernKanji)
    XCTAssertEqual(iso("2023/4/1"), "2023-04-01")
    XCTAssertEqual(form("2023/4/1"), .westernNumeric)
    XCTAssertEqual(iso("2023.04.01"), "2023-04-01")
    XCTAssertEqual(iso("2023-04-01"), "2023-04-01")
    XCTAssertEqual(form("2023-04-01"), .iso)
    XCTAssertEqual(form("2023-4-1"), .westernNumeric)
    XCTAssertEqual(iso("二〇二三年四月一日"), "2023-04-01")
  }

  func testInvalidDates() {
    XCTAssertEqual(WarekiDate.parse("令和1年4月30日"), .failure(.beforeEra(.reiwa, iso: "2019-04-30")))
    XCTAssertEqual(WarekiDate.parse("平成31年5月1日"), .failure(.afterEra(.heisei, iso: "2019-05-01")))
    XCTAssertEqual(WarekiDate.parse("2023-02-30"), .failure(.noSuchDay(year: 2023, month: 2, day: 30)))
    XCTAssertEqual(WarekiDate.parse("令和5年2月29日"), .failure(.noSuchDay(year: 2023, month: 2, day: 29)))
    XCTAssertEqual(iso("令和6年2月29日"), "2024-02-29")
    XCTAssertEqual(WarekiDate.parse("明治3年1月1日"), .failure(.lunisolar(.meiji, year: 3)))
    XCTAssertEqual(WarekiDate.parse("平成元年1月7日"), .failure(.beforeEra(.heisei, iso: "1989-01-07")))
    for text in ["", "令和", "23/4/1", "X5.4.1", "2023年4月", "4月1日", "2023/4-1", "令和5年4月1日午後", "abc"] {
      XCTAssertEqual(WarekiDate.parse(text), .failure(.unrecognized), text)
    }
  }
}
