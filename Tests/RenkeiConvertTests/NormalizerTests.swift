import XCTest

@testable import RenkeiConvert

final class NormalizerTests: XCTestCase {
  func testWidthFoldsFullWidthAndLeavesHalfWidth() {
    XCTAssertEqual(Normalizer.width.apply("０００１２３"), .value("000123"))
    XCTAssertEqual(Normalizer.width.apply("000123"), .value("000123"))
  }

  func testTrimRemovesIdeographicSpaces() {
    XCTAssertEqual(Normalizer.trim.apply("\u{3000}焼津市 "), .value("焼津市"))
    XCTAssertEqual(Normalizer.trim.apply("焼津市"), .value("焼津市"))
  }

  func testKatakanaFromHalfWidthAndHiragana() {
    XCTAssertEqual(Normalizer.katakana.apply("ｼﾔｸｼｮ"), .value("シヤクショ"))
    XCTAssertEqual(Normalizer.katakana.apply("やいづ"), .value("ヤイヅ"))
    XCTAssertEqual(Normalizer.katakana.apply("ヤイヅ"), .value("ヤイヅ"))
  }

  func testPhoneNumbers() {
    XCTAssertEqual(Normalizer.phone.apply("(054)626-1139"), .value("054-626-1139"))
    XCTAssertEqual(Normalizer.phone.apply("０５４ー６２６ー１１３９"), .value("054-626-1139"))
    XCTAssertEqual(Normalizer.phone.apply("054-626-1139"), .value("054-626-1139"))
    guard case .invalid = Normalizer.phone.apply("03-3657-3455（記念館）") else { return XCTFail("accepted") }
  }

  func testWarekiAndKanjiDatesToISO() {
    XCTAssertEqual(Normalizer.date.apply("令和5年4月1日"), .value("2023-04-01"))
    XCTAssertEqual(Normalizer.date.apply("平成三十一年四月三十日"), .value("2019-04-30"))
    XCTAssertEqual(Normalizer.date.apply("2023/4/1"), .value("2023-04-01"))
    XCTAssertEqual(Normalizer.date.apply("2023-04-01"), .value("2023-04-01"))
    XCTAssertEqual(Normalizer.date.apply("２０１９１２３１"), .value("2019-12-31"))
    guard case .invalid = Normalizer.date.apply("20191331") else { return XCTFail("accepted") }
    guard case .invalid = Normalizer.date.apply("近日") else { return XCTFail("accepted") }
  }

  func testTimes() {
    XCTAssertEqual(Normalizer.time.apply("9:00"), .value("09:00"))
    XCTAssertEqual(Normalizer.time.apply("９時３０分"), .value("09:30"))
    XCTAssertEqual(Normalizer.time.apply("午後1時"), .value("13:00"))
    XCTAssertEqual(Normalizer.time.apply("08:30"), .value("08:30"))
    guard case .invalid = Normalizer.time.apply("朝") else { return XCTFail("accepted") }
  }

  func testWeekdays() {
    XCTAssertEqual(Normalizer.weekdays.apply("月～金"), .value("月火水木金"))
    XCTAssertEqual(Normalizer.weekdays.apply("12345"), .value("月火水木金"))
    XCTAssertEqual(Normalizer.weekdays.apply("月火水木金土日祝"), .value("月火水木金土日祝"))
    guard case .invalid = Normalizer.weekdays.apply("平日のみ予約") else { return XCTFail("accepted") }
  }

  func testNumberLexemes() {
    XCTAssertEqual(ConversionPlan.numberLexeme("1,234", integer: true), "1234")
    XCTAssertEqual(ConversionPlan.numberLexeme("034.50", integer: false), "34.50")
    XCTAssertEqual(ConversionPlan.numberLexeme(".5", integer: false), "0.5")
    XCTAssertEqual(ConversionPlan.numberLexeme("34.866918", integer: false), "34.866918")
    XCTAssertNil(ConversionPlan.numberLexeme("1.5", integer: true))
    XCTAssertNil(ConversionPlan.numberLexeme("12a", integer: false))
    XCTAssertNil(ConversionPlan.numberLexeme("1,23", integer: false))
  }

  func testPercentEncodedTemplates() throws {
    XCTAssertEqual(Template.percentEncoded("島原城 A"), "%E5%B3%B6%E5%8E%9F%E5%9F%8E%20A")
    XCTAssertEqual(Template.percentEncoded("abc-1.2_~"), "abc-1.2_~")
    XCTAssertEqual(try Template("x:{名称|uri}").parts, [.literal("x:"), .encodedColumn("名称")])
    XCTAssertThrowsError(try Template("x:{名称|upper}"))
  }
}
