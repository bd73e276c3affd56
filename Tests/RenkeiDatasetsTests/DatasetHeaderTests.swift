import RenkeiCore
import RenkeiDatasets
import XCTest

/// Header checks against the template, and choosing the dataset.
final class DatasetHeaderTests: XCTestCase {
  private func headerFindings(_ header: String, file: String = "x.csv") -> [Finding] {
    DatasetFixture.findings(header + "\n", file: file)
  }

  private func replacingLabel(_ name: String, with label: String) -> String {
    DatasetFixture.header.split(separator: ",").map { $0 == name ? label : String($0) }.joined(separator: ",")
  }

  func testExactHeaderIsSilent() {
    XCTAssertEqual(headerFindings(DatasetFixture.header).map(\.ruleID), [])
  }

  func testNearMissesNameTheIntendedColumn() throws {
    let cases: [(label: String, expected: String, difference: String)] = [
      ("名称＿カナ", "名称_カナ", "＿ (U+FF3F) where the template has _ (U+005F)"),
      ("名称_カナ ", "名称_カナ", "it has a space (U+0020)"),
      (
        "ＵＲＬ", "URL",
        "Ｕ (U+FF35) where the template has U (U+0055); Ｒ (U+FF32) where the template has R (U+0052); Ｌ (U+FF2C) where the template has L (U+004C)"
      ),
    ]
    for entry in cases {
      let found = headerFindings(replacingLabel(entry.expected, with: entry.label))
      XCTAssertEqual(found.map(\.ruleID), ["dataset-header-near-miss"], entry.label)
      let finding = try XCTUnwrap(found.first)
      XCTAssertEqual(finding.arguments["expected"], entry.expected)
      XCTAssertEqual(finding.arguments["difference"], entry.difference)
      XCTAssertEqual(finding.location.row, 1)
      XCTAssertEqual(finding.location.field, entry.label)
    }
  }

  func testDashConfusionsInTheRealTemplate() throws {
    let aed = try XCTUnwrap(DatasetFixture.catalog.profile(named: "aed"))
    let names = aed.columns.map(\.name)
    for dash in ["\u{2015}", "\u{2010}", "\u{2212}"] {
      let label = names[0].replacingOccurrences(of: "ー", with: dash)
      let header = ([label] + names.dropFirst()).joined(separator: ",")
      let found = DatasetFixture.findings(header + "\n", profile: aed)
      XCTAssertEqual(found.map(\.ruleID), ["dataset-header-near-miss"], dash)
      XCTAssertEqual(found.first?.arguments["expected"], "都道府県コード又は市区町村コード")
      XCTAssertEqual(found.first?.location.column, 1)
    }
    let toilet = try XCTUnwrap(DatasetFixture.catalog.profile(named: "public_toilet"))
    let toiletNames = toilet.columns.map(\.name)
    let halfWidth = toiletNames.map { $0 == "男性トイレ数（小便器）" ? "男性トイレ数(小便器)" : $0 }.joined(separator: ",")
    let found = DatasetFixture.findings(halfWidth + "\n", profile: toilet)
    XCTAssertEqual(found.map(\.ruleID), ["dataset-header-near-miss"])
    XCTAssertEqual(found.first?.arguments["fieldNumber"], "14")
  }

  func testOneCharacterAway() {
    let found = headerFindings(replacingLabel("電話番号", with: "電話番"))
    XCTAssertEqual(found.map(\.ruleID), ["dataset-header-near-miss"])
    XCTAssertEqual(found.first?.arguments["expected"], "電話番号")
  }

  func testMissingExtraAndOrder() {
    let labels = DatasetFixture.header.split(separator: ",").map(String.init)
    // 名称 (required) missing: an error; 備考 (optional) missing: a warning.
    let missing = headerFindings(labels.filter { $0 != "名称" && $0 != "備考" }.joined(separator: ","))
    XCTAssertEqual(missing.map(\.ruleID), ["dataset-header-missing", "dataset-header-missing"])
    XCTAssertEqual(missing.map(\.severity), [.error, .warning])
    XCTAssertEqual(missing.map { $0.arguments["expected"] }, ["名称", "備考"])
    let extra = headerFindings(DatasetFixture.header + ",独自項目")
    XCTAssertEqual(extra.map(\.ruleID), ["dataset-header-extra"])
    XCTAssertEqual(extra.first?.arguments["fieldNumber"], "17")
    var swapped = labels
    swapped.swapAt(2, 3)
    let order = headerFindings(swapped.joined(separator: ","))
    XCTAssertEqual(order.map(\.ruleID), ["dataset-header-order"])
    XCTAssertEqual(order.first?.arguments["label"], "名称")
    XCTAssertEqual(order.first?.arguments["expectedNumber"], "3")
  }

  func testValuesUnderAMisspeltLabelAreStillChecked() {
    let csv = replacingLabel("緯度", with: "緯度 ") + "\n" + DatasetFixture.row("緯度", "北緯35度") + "\n"
    XCTAssertEqual(
      DatasetFixture.findings(csv).map(\.ruleID), ["dataset-header-near-miss", "jp-coordinate-not-decimal"])
  }

  func testFileNameCode() {
    let bad = DatasetFixture.findings(DatasetFixture.header + "\n", file: "data/22212_sample.csv")
    XCTAssertEqual(bad.map(\.ruleID), ["dataset-filename-code"])
    XCTAssertEqual(bad.first?.arguments["expected"], "222127_sample.csv")
    XCTAssertEqual(DatasetFixture.findings(DatasetFixture.header + "\n", file: "data/222127_sample.csv").count, 0)
  }

  func testCatalogHasEveryDataset() {
    let catalog = DatasetFixture.catalog
    for name in [
      "aed", "care_service", "cultural_property", "evacuation_space", "event", "fire_hydrant", "food_business_all",
      "food_business_new", "hospital", "open_data_list", "population", "preschool", "public_facility",
      "public_toilet", "public_wireless_lan", "tourism", "public_toilet-2024", "fire_hydrant-2024",
      "evacuation_space-2024", "aed-2024", "facility",
    ] {
      XCTAssertNotNil(catalog.profile(named: name), name)
    }
    let aed = catalog.profile(named: "aed")!
    XCTAssertEqual(aed.columns.count, 22)
    XCTAssertEqual(aed.columns.filter(\.required).map(\.name), ["名称", "名称_カナ", "住所", "設置位置"])
    XCTAssertEqual(aed.columns.first { $0.name == "NO" }?.unique, true)
    XCTAssertFalse(aed.sources.isEmpty)
  }

  func testDetection() throws {
    let catalog = DatasetFixture.catalog
    let aed = catalog.profile(named: "aed")!.columns.map(\.name)
    let toilet2024 = catalog.profile(named: "public_toilet-2024")!.columns.map(\.name)
    XCTAssertEqual(catalog.detect(fileName: "x/222127_aed.csv", labels: aed)?.profile.name, "aed")
    XCTAssertEqual(catalog.detect(fileName: "x/222127_aed.csv", labels: aed)?.fileCode, "222127")
    XCTAssertEqual(
      catalog.detect(fileName: "222127_public_toilet.csv", labels: toilet2024)?.profile.name, "public_toilet-2024")
    XCTAssertEqual(catalog.detect(fileName: "xxxxxx_public_toilet.csv", labels: nil)?.profile.name, "public_toilet")
    XCTAssertEqual(catalog.detect(fileName: "xxxxxx_public_toilet.csv", labels: nil)?.fileCode, "")
    XCTAssertNil(catalog.detect(fileName: "12_public_toilet.csv", labels: nil))
    let byHeader = try XCTUnwrap(catalog.detect(fileName: "aed-list.csv", labels: aed))
    XCTAssertEqual(byHeader.profile.name, "aed")
    XCTAssertTrue(byHeader.reason.contains("header matches 22 of the 22 columns"), byHeader.reason)
    XCTAssertNil(catalog.detect(fileName: "other.csv", labels: ["a", "b", "c"]))
    XCTAssertEqual(
      catalog.detect(fileName: "131016_population_20230401.csv", labels: nil)?.profile.name, "population")
  }
}
