import RenkeiJapanese
import XCTest

final class JapaneseTextTests: XCTestCase {
  func testWidthFolding() {
    XCTAssertEqual(WidthFolding.toHalfWidthASCII("０１２ＡＢｃ（１）　－"), "012ABc(1) -")
    XCTAssertEqual(WidthFolding.foldNumeric("０５４ー６２６ー１１３９"), "054-626-1139")
    XCTAssertEqual(WidthFolding.foldNumeric("054―626‐1139"), "054-626-1139")
    XCTAssertEqual(WidthFolding.foldNumeric("カード"), "カード", "a long-vowel mark between kana stays")
    XCTAssertEqual(WidthFolding.toFullWidthKatakana("ｼﾔｸｼｮ ｶﾞｯｺｳ ﾊﾟｰｸ"), "シヤクショ ガッコウ パーク")
    XCTAssertTrue(WidthFolding.containsFullWidthDigits("２階"))
    XCTAssertFalse(WidthFolding.containsFullWidthDigits("2階"))
    XCTAssertFalse(WidthFolding.containsFullWidthDigits("ＡＢ"))
  }

  func testKatakana() {
    XCTAssertTrue(Katakana.check("シヤクショホンカン").isValid)
    XCTAssertTrue(Katakana.check("ナカミナトタワー・ダイ2　ビル").isValid)
    let halfWidth = Katakana.check("ｼﾔｸｼｮ")
    XCTAssertTrue(halfWidth.hasHalfWidthKatakana)
    XCTAssertEqual(halfWidth.suggestion, "シヤクショ")
    let hiragana = Katakana.check("しやくしょ")
    XCTAssertTrue(hiragana.hasHiragana)
    XCTAssertEqual(hiragana.suggestion, "シヤクショ")
    let kanji = Katakana.check("市役所ホンカン")
    XCTAssertEqual(kanji.offending, ["市", "役", "所"])
    XCTAssertNil(kanji.suggestion)
    XCTAssertFalse(Katakana.check("ABC").isValid)
    var good = "カタカナ　ー"
    XCTAssertTrue(good.withUTF8 { Katakana.isFullWidthKatakana($0) })
    var bad = "かたかな"
    XCTAssertFalse(bad.withUTF8 { Katakana.isFullWidthKatakana($0) })
  }

  func testPhoneNumbers() {
    for good in [
      "(054)626-1139", "054-626-1139", "(09)9999-9999", "099999-9999", "(09999)9-9999", "0120-999999",
      "090-9999-9999", "+81 (03)5253-5111", "(09)9999-9999 内線999", "054-626-1139 / 054-626-1140", "0546261139",
    ] {
      XCTAssertTrue(JapanesePhoneNumber.isValid(good), good)
    }
    XCTAssertEqual(JapanesePhoneNumber.problems("０５４－６２６－１１３９"), [.fullWidth])
    XCTAssertEqual(JapanesePhoneNumber.normalized("０５４－６２６－１１３９"), "054-626-1139")
    XCTAssertEqual(JapanesePhoneNumber.problems("054 626 1139"), [.otherSeparator(" ")])
    XCTAssertEqual(JapanesePhoneNumber.normalized("054ー626ー1139"), "054-626-1139")
    XCTAssertEqual(JapanesePhoneNumber.problems("054-626-113"), [.digitCount("054-626-113", count: 9)])
    XCTAssertEqual(JapanesePhoneNumber.problems("54-626-1139"), [.missingLeadingZero("54-626-1139")])
    XCTAssertEqual(JapanesePhoneNumber.problems("054-626-1139(代表)").count, 2)
    XCTAssertFalse(JapanesePhoneNumber.isValid("なし"))
  }

  func testWeekdays() throws {
    func parsed(_ text: String) -> Weekdays? { try? Weekdays.parse(text).get() }
    XCTAssertEqual(parsed("月火水木金")?.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(parsed("月〜金")?.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(parsed("月〜金")?.form, .kanjiRange)
    XCTAssertEqual(parsed("月曜日～金曜日")?.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(parsed("月・水・金")?.days, [1, 3, 5])
    XCTAssertEqual(parsed("土日祝")?.days, [6, 7])
    XCTAssertEqual(parsed("土日祝")?.holidays, true)
    XCTAssertEqual(parsed("12345")?.days, [1, 2, 3, 4, 5])
    XCTAssertEqual(parsed("12345")?.form, .codes)
    XCTAssertEqual(parsed("13Mo")?.days, [1])
    XCTAssertEqual(parsed("6Fr,0Sa")?.days, [5, 6])
    XCTAssertEqual(parsed("月火水木金土日")?.codes, "1234567")
    XCTAssertEqual(Weekdays.parse("平日"), .failure(Weekdays.Invalid(parts: ["平"])))
    XCTAssertEqual(Weekdays.parse("毎日"), .failure(Weekdays.Invalid(parts: ["毎"])))
    XCTAssertEqual(Weekdays.parse("129"), .failure(Weekdays.Invalid(parts: ["9"])))
    XCTAssertEqual(Weekdays.parse("3Xx"), .failure(Weekdays.Invalid(parts: ["3Xx"])))
  }

  func testLocalGovernmentCode() {
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "13101"), 6)
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "01100"), 2)
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "22212"), 7)
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "13000"), 1)
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "01000"), 6)
    XCTAssertEqual(LocalGovernmentCode.checkDigit(of: "47382"), 1)
    XCTAssertEqual(LocalGovernmentCode.classify("222127"), .valid(code: "222127", name: "静岡県焼津市"))
    XCTAssertEqual(LocalGovernmentCode.classify("010006"), .valid(code: "010006", name: "北海道"))
    XCTAssertEqual(LocalGovernmentCode.classify("222128"), .wrongCheckDigit(expected: "222127"))
    XCTAssertEqual(LocalGovernmentCode.classify("22212"), .missingCheckDigit(code: "222127", name: "静岡県焼津市"))
    XCTAssertEqual(LocalGovernmentCode.classify("11002"), .lostLeadingZero(code: "011002", name: "北海道札幌市"))
    XCTAssertEqual(LocalGovernmentCode.classify("92011"), .lostLeadingZero(code: "092011", name: "栃木県宇都宮市"))
    XCTAssertEqual(LocalGovernmentCode.classify("1100"), .lostLeadingZero(code: "011002", name: "北海道札幌市"))
    XCTAssertEqual(LocalGovernmentCode.classify("999997"), .unknown(code: "999997"))
    XCTAssertEqual(LocalGovernmentCode.classify("22２127"), .malformed)
    XCTAssertEqual(LocalGovernmentCode.classify(""), .malformed)
    XCTAssertEqual(LocalGovernmentCode.allCodes.count, 1963)
    for code in LocalGovernmentCode.allCodes {
      XCTAssertEqual(LocalGovernmentCode.checkDigit(of: String(code.prefix(5))).map(String.init), String(code.last!))
    }
    var good = "222127"
    XCTAssertTrue(good.withUTF8 { LocalGovernmentCode.isValid($0) })
    var unknown = "999997"
    XCTAssertFalse(unknown.withUTF8 { LocalGovernmentCode.isValid($0) })
  }

  func testJapanLatLon() {
    XCTAssertEqual(JapanLatLon.classify(latitude: 34.866918, longitude: 138.323171), .inside)
    XCTAssertEqual(JapanLatLon.classify(latitude: 138.323171, longitude: 34.866918), .swapped)
    XCTAssertEqual(JapanLatLon.classify(latitude: 51.5, longitude: -0.12), .outside)
    XCTAssertEqual(JapanLatLon.classify(latitude: 10, longitude: 138), .latitudeOutside)
    XCTAssertEqual(JapanLatLon.classify(latitude: 35, longitude: 100), .longitudeOutside)
    XCTAssertEqual(JapanLatLon.decimalDegrees("34.866918"), 34.866918)
    XCTAssertEqual(JapanLatLon.decimalDegrees("-12"), -12)
    XCTAssertNil(JapanLatLon.decimalDegrees("34°52'"))
    XCTAssertNil(JapanLatLon.decimalDegrees("34,86"))
    XCTAssertNil(JapanLatLon.decimalDegrees("N34.8"))
    XCTAssertNil(JapanLatLon.decimalDegrees("34."))
    XCTAssertNil(JapanLatLon.decimalDegrees(""))
  }
}
