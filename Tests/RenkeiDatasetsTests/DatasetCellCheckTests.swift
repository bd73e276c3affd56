import RenkeiCore
import RenkeiDatasets
import XCTest

/// Every value check fires on a crafted bad cell (with the rule id, row and field asserted) and
/// stays silent on the good row.
final class DatasetCellCheckTests: XCTestCase {
  private func check(
    _ column: String, _ value: String, fires rule: String?, argument: (String, String)? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let csv = DatasetFixture.header + "\n" + DatasetFixture.row(column, value) + "\n"
    let found = DatasetFixture.findings(csv)
    guard let rule else {
      XCTAssertEqual(found.map(\.ruleID), [], "\(column)=\(value)", file: file, line: line)
      return
    }
    let matching = found.filter { $0.ruleID == rule }
    XCTAssertEqual(matching.count, 1, "\(column)=\(value): \(found.map(\.ruleID))", file: file, line: line)
    XCTAssertEqual(matching.first?.location.row, 2, file: file, line: line)
    XCTAssertEqual(matching.first?.location.field, column, file: file, line: line)
    if let (key, expected) = argument {
      XCTAssertEqual(matching.first?.arguments[key], expected, matching.first?.message ?? "", file: file, line: line)
    }
  }

  func testGoodRowIsSilent() {
    let csv = DatasetFixture.header + "\n" + DatasetFixture.goodRow + "\n"
    XCTAssertEqual(DatasetFixture.findings(csv).map(\.ruleID), [])
  }

  func testRequired() {
    check("名称", "", fires: "jp-required")
    check("名称", "　", fires: "jp-required")
    check("名称_カナ", "", fires: nil)
  }

  func testUniqueNumbers() {
    let csv =
      [DatasetFixture.header, DatasetFixture.goodRow, DatasetFixture.row("名称", "別館", no: "2"), DatasetFixture.goodRow]
      .joined(separator: "\n") + "\n"
    let found = DatasetFixture.findings(csv).filter { $0.ruleID == "jp-unique" }
    XCTAssertEqual(found.map(\.location.row), [4])
    XCTAssertEqual(found.first?.location.field, "NO")
    XCTAssertEqual(found.first?.arguments["firstRow"], "2")
  }

  func testUniqueAcrossManyRows() {
    // Enough rows to grow the key table several times, with two repeats far apart.
    var lines = ["NO,名称"]
    for number in 1...60_000 { lines.append("\(number),施設\(number)") }
    lines.append("17,重複")
    lines.append("59999,重複")
    let profile = DatasetProfile(
      name: "ids", title: "ids",
      columns: [.init(name: "NO", type: .string, unique: true), .init(name: "名称", type: .string)])
    let found = DatasetFixture.findings(lines.joined(separator: "\n") + "\n", profile: profile)
    XCTAssertEqual(found.map(\.ruleID), ["jp-unique", "jp-unique"])
    XCTAssertEqual(found.map(\.location.row), [60_002, 60_003])
    XCTAssertEqual(found.map { $0.arguments["firstRow"] }, ["18", "60000"])
  }

  func testFullWidthDigits() {
    check("数", "１２", fires: "jp-full-width-digits", argument: ("folded", "12"))
    check("電話番号", "（０５４）６２６－１１３９", fires: "jp-full-width-digits", argument: ("folded", "(054)626-1139"))
    check("名称", "第２庁舎", fires: "jp-full-width-digits-in-text", argument: ("folded", "第2庁舎"))
    check("名称", "第2庁舎", fires: nil)
    check("備考", "２階", fires: nil)
  }

  func testSurroundingSpaces() {
    check("電話番号", "(054)629-4753 ", fires: "jp-surrounding-space", argument: ("trimmed", "(054)629-4753"))
    check("名称_カナ", "シヤクショ　", fires: nil, argument: nil)
    check("数", " 12", fires: "jp-surrounding-space")
    check("数", "12", fires: nil)
  }

  func testLocalGovernmentCodes() {
    check("コード", "222128", fires: "jp-lgcode-check-digit", argument: ("expected", "222127"))
    check("コード", "22212", fires: "jp-lgcode-five-digit", argument: ("code", "222127"))
    check("コード", "11002", fires: "jp-lgcode-leading-zero", argument: ("code", "011002"))
    check("コード", "999997", fires: "jp-lgcode-unknown")
    check("コード", "焼津市", fires: "jp-lgcode-malformed")
    check("コード", "011002", fires: nil)
  }

  func testCoordinates() {
    check("緯度", "34°52'", fires: "jp-coordinate-not-decimal")
    check("緯度", "51.5", fires: "jp-coordinate-outside-japan")
    check("経度", "-0.12", fires: "jp-coordinate-outside-japan")
    check("経度", "138.3", fires: nil)
    let swapped =
      DatasetFixture.header + "\n"
      + DatasetFixture.goodRow.replacingOccurrences(of: "34.866918,138.323171", with: "138.323171,34.866918") + "\n"
    let found = DatasetFixture.findings(swapped)
    XCTAssertEqual(found.map(\.ruleID), ["jp-latlon-swapped"], "one finding for the pair, at the latitude")
    XCTAssertEqual(found.first?.location.field, "緯度")
    XCTAssertEqual(found.first?.arguments["longitude"], "34.866918")
  }

  func testDates() {
    check("日付", "令和5年4月1日", fires: "jp-date-wareki", argument: ("iso", "2023-04-01"))
    check("日付", "R5.4.1", fires: "jp-date-wareki", argument: ("iso", "2023-04-01"))
    check("日付", "2023/4/1", fires: "jp-date-not-iso", argument: ("iso", "2023-04-01"))
    check("日付", "令和1年4月30日", fires: "jp-date-invalid")
    check("日付", "2023-02-30", fires: "jp-date-invalid")
    check("日付", "4月上旬", fires: "jp-date-format")
    check("日付", "2024-02-29", fires: nil)
    let wareki = DatasetFixture.findings(DatasetFixture.header + "\n" + DatasetFixture.row("日付", "令和5年4月1日") + "\n")
    XCTAssertEqual(wareki.first?.message, "\"令和5年4月1日\" in \"日付\" is a Japanese-era date; write 2023-04-01.")
  }

  func testTimes() {
    check("時間", "9:00", fires: "jp-time-format", argument: ("suggestion", "; write 09:00"))
    check("時間", "25:00", fires: "jp-time-format")
    check("時間", "午前9時", fires: "jp-time-format")
    check("時間", "17:30:00", fires: nil)
    check("時間", "24:00", fires: nil)
  }

  func testWeekdays() {
    check("曜日", "平日", fires: "jp-weekdays-invalid")
    check("曜日", "月〜金", fires: nil)
    check("曜日", "土日祝", fires: nil)
    check("曜日", "12345", fires: nil)
  }

  func testPhoneNumbers() {
    check("電話番号", "054 626 1139", fires: "jp-phone-format")
    check("電話番号", "054-626-113", fires: "jp-phone-format")
    check("電話番号", "090-1234-5678", fires: nil)
    check("電話番号", "(054)626-1139 内線123", fires: nil)
    check("電話番号", "054-626-1139 / 054-626-1140", fires: nil)
  }

  func testKana() {
    check("名称_カナ", "しやくしょ", fires: "jp-kana-not-katakana", argument: ("suggestion", ": シヤクショ"))
    check("名称_カナ", "ｼﾔｸｼｮ", fires: "jp-kana-not-katakana", argument: ("suggestion", ": シヤクショ"))
    check("名称_カナ", "ハ―トリンク", fires: "jp-kana-not-katakana", argument: ("suggestion", ": ハートリンク"))
    check("名称_カナ", "市役所", fires: "jp-kana-not-katakana")
    check("名称_カナ", "ダイ2チョウシャ", fires: nil)
  }

  func testURLs() {
    check("URL", "www.example.jp", fires: "jp-url-invalid")
    check("URL", "https://example.jp/a b", fires: "jp-url-invalid")
    check("URL", "http://example.jp/", fires: nil)
  }

  func testNumbersAndFlags() {
    check("数", "70人", fires: "jp-integer-format")
    check("値", "約3", fires: "jp-number-format")
    check("値", "-12.5", fires: nil)
    check("法人番号", "7000012050003", fires: "jp-corporate-number")
    check("有無", "あり", fires: "jp-presence-value")
    check("有無", "無", fires: nil)
  }

  func testRulesHaveStableIDsAndFixes() {
    XCTAssertEqual(Set(DatasetRules.all.map(\.id)).count, DatasetRules.all.count)
    for rule in DatasetRules.all where rule.severity != .info {
      XCTAssertNotNil(rule.fix, rule.id)
      XCTAssertNotNil(rule.spec, rule.id)
    }
  }
}
