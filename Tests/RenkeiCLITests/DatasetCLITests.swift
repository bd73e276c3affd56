import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei validate` with the Japanese dataset profiles (`--dataset`, detection from the
/// file name and the header) on the real municipal files of `samples/csv/` and on crafted files,
/// and `renkei datasets list|show`.
final class DatasetCLITests: XCTestCase {
  struct Outcome {
    var status: Int32
    var files: [JSONValue]
    var stderr: String

    func findings(of suffix: String) -> [JSONValue] {
      files.first { $0["path"]?.string?.hasSuffix(suffix) == true }?["findings"]?.elements ?? []
    }
  }

  func validate(_ arguments: [String]) throws -> Outcome {
    let result = try RenkeiProcess.run(["validate", "--format", "json"] + arguments)
    XCTAssertFalse(result.crashed, result.stderr)
    guard let root = try? JSONParser().parse(result.stdout).document.root else {
      return Outcome(status: result.status, files: [], stderr: result.stderr)
    }
    return Outcome(status: result.status, files: root["files"]!.elements, stderr: result.stderr)
  }

  var samples: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("samples/csv").path
  }

  private func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-ds-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return url.path
  }

  /// "rule@row:field" for every error and warning.
  private func summary(_ findings: [JSONValue]) -> [String] {
    findings.filter { $0["severity"]?.string != "info" }.map {
      let location = $0["location"]!
      let row = location["row"]?.number?.int64.map(String.init) ?? "nil"
      return "\($0["ruleId"]!.string!)@\(row):\(location["field"]?.string ?? "nil")"
    }
  }

  // MARK: - Real files

  /// Each real file is detected as its dataset and gets exactly these findings (rule, row, field).
  func testRealFilesGetTheFindingsTheyDeserve() throws {
    let outcome = try validate([samples])
    XCTAssertEqual(outcome.status, 1, outcome.stderr)
    XCTAssertEqual(outcome.files.count, 9)
    let expected: [String: (dataset: String, findings: [String])] = [
      "katsushika_tourism.csv": (
        "tourism",
        [
          "jp-time-format@2:開始時間",
          "jp-time-format@3:開始時間",
          "jp-full-width-digits@3:連絡先電話番号",
          "jp-phone-format@3:連絡先電話番号",
          "jp-time-format@4:開始時間",
        ]
      ),
      "shimabara_tourism.csv": (
        "tourism",
        []
      ),
      "222127_aed.csv": (
        "aed",
        [
          "jp-full-width-digits-in-text@2:設置位置",
          "jp-full-width-digits-in-text@3:設置位置",
          "jp-full-width-digits-in-text@4:設置位置",
          "jp-full-width-digits-in-text@5:設置位置",
          "jp-full-width-digits-in-text@6:設置位置",
          "jp-full-width-digits-in-text@7:設置位置",
          "jp-full-width-digits-in-text@8:設置位置",
          "jp-full-width-digits-in-text@9:設置位置",
          "jp-full-width-digits-in-text@10:設置位置",
          "jp-full-width-digits-in-text@11:設置位置",
          "jp-full-width-digits-in-text@12:設置位置",
          "jp-full-width-digits-in-text@13:設置位置",
          "jp-full-width-digits-in-text@14:設置位置",
          "jp-full-width-digits-in-text@15:設置位置",
          "jp-full-width-digits-in-text@16:設置位置",
          "jp-full-width-digits-in-text@17:設置位置",
          "jp-full-width-digits-in-text@18:設置位置",
          "jp-full-width-digits-in-text@19:設置位置",
          "jp-full-width-digits-in-text@20:設置位置",
          "jp-full-width-digits-in-text@21:設置位置",
          "jp-full-width-digits-in-text@22:設置位置",
          "jp-full-width-digits-in-text@23:設置位置",
          "jp-full-width-digits-in-text@24:設置位置",
          "jp-full-width-digits-in-text@25:設置位置",
          "jp-full-width-digits-in-text@26:設置位置",
          "jp-full-width-digits-in-text@27:設置位置",
          "jp-full-width-digits-in-text@29:設置位置",
          "jp-full-width-digits-in-text@30:設置位置",
          "jp-full-width-digits-in-text@31:設置位置",
          "jp-full-width-digits-in-text@32:設置位置",
          "jp-full-width-digits-in-text@33:設置位置",
          "jp-full-width-digits-in-text@34:設置位置",
          "jp-full-width-digits-in-text@35:設置位置",
          "jp-full-width-digits-in-text@37:設置位置",
          "jp-full-width-digits-in-text@38:設置位置",
          "jp-full-width-digits-in-text@44:設置位置",
          "jp-full-width-digits-in-text@45:名称",
          "jp-full-width-digits-in-text@49:名称",
          "jp-full-width-digits-in-text@50:設置位置",
          "jp-full-width-digits-in-text@62:設置位置",
          "jp-full-width-digits-in-text@63:設置位置",
          "jp-full-width-digits-in-text@64:設置位置",
          "jp-full-width-digits-in-text@65:設置位置",
          "jp-full-width-digits-in-text@66:設置位置",
          "jp-full-width-digits-in-text@67:設置位置",
          "jp-full-width-digits-in-text@68:設置位置",
          "jp-full-width-digits-in-text@69:設置位置",
          "jp-full-width-digits-in-text@70:設置位置",
          "jp-full-width-digits-in-text@71:設置位置",
          "jp-full-width-digits-in-text@72:設置位置",
          "jp-full-width-digits-in-text@73:設置位置",
          "jp-full-width-digits-in-text@74:設置位置",
          "jp-full-width-digits-in-text@75:設置位置",
          "jp-full-width-digits-in-text@76:設置位置",
          "jp-full-width-digits-in-text@77:設置位置",
          "jp-full-width-digits-in-text@78:設置位置",
          "jp-full-width-digits-in-text@79:設置位置",
          "jp-full-width-digits-in-text@80:設置位置",
          "jp-full-width-digits-in-text@81:設置位置",
          "jp-full-width-digits-in-text@82:設置位置",
          "jp-full-width-digits-in-text@83:設置位置",
        ]
      ),
      "222127_evacuation_space.csv": (
        "evacuation_space",
        []
      ),
      "222127_facilities_smartmap.csv": (
        "public_facility",
        [
          "dataset-header-missing@1:利用可能時間特記事項",
          "dataset-header-extra@1:利用可能日時特記事項",
        ]
      ),
      "222127_fire_hydrant.csv": (
        "fire_hydrant-2024",
        []
      ),
      "222127_preschool.csv": (
        "preschool",
        [
          "dataset-header-near-miss@1:都道府県コ―ド又は市区町村コ―ド",
          "jp-surrounding-space@9:FAX番号",
          "jp-surrounding-space@12:FAX番号",
          "jp-surrounding-space@14:FAX番号",
          "jp-surrounding-space@15:FAX番号",
          "jp-surrounding-space@22:電話番号",
          "jp-surrounding-space@24:FAX番号",
          "jp-surrounding-space@26:FAX番号",
          "jp-surrounding-space@27:FAX番号",
          "jp-surrounding-space@29:FAX番号",
          "jp-surrounding-space@31:FAX番号",
          "jp-surrounding-space@32:電話番号",
          "jp-surrounding-space@33:電話番号",
          "jp-surrounding-space@34:電話番号",
          "jp-kana-not-katakana@35:名称_カナ",
          "jp-kana-not-katakana@36:名称_カナ",
          "jp-surrounding-space@36:電話番号",
          "jp-surrounding-space@37:電話番号",
          "jp-kana-not-katakana@40:名称_カナ",
          "jp-kana-not-katakana@42:名称_カナ",
          "jp-kana-not-katakana@43:名称_カナ",
          "jp-kana-not-katakana@44:名称_カナ",
          "jp-kana-not-katakana@48:名称_カナ",
          "jp-surrounding-space@48:電話番号",
          "jp-surrounding-space@49:電話番号",
          "jp-kana-not-katakana@52:名称_カナ",
          "jp-kana-not-katakana@53:名称_カナ",
        ]
      ),
      "222127_public_toilet.csv": (
        "public_toilet-2024",
        [
          "jp-full-width-digits-in-text@17:名称",
          "jp-full-width-digits-in-text@17:設置位置",
          "jp-full-width-digits-in-text@97:名称",
          "jp-full-width-digits-in-text@99:名称",
          "jp-full-width-digits-in-text@100:名称",
          "jp-full-width-digits-in-text@104:所在地_連結表記",
          "jp-full-width-digits-in-text@104:所在地_番地以下",
        ]
      ),
      "222127_public_wireless_lan.csv": (
        "public_wireless_lan",
        [
          "jp-full-width-digits-in-text@2:名称",
          "jp-full-width-digits-in-text@3:名称",
          "jp-full-width-digits-in-text@4:名称",
          "jp-full-width-digits-in-text@5:名称",
          "jp-full-width-digits-in-text@6:名称",
          "jp-full-width-digits-in-text@7:名称",
          "jp-full-width-digits-in-text@8:名称",
          "jp-full-width-digits-in-text@10:名称",
          "jp-full-width-digits-in-text@11:名称",
        ]
      ),
    ]
    for (name, entry) in expected {
      let findings = outcome.findings(of: "/" + name)
      XCTAssertFalse(findings.isEmpty, name)
      let selected = findings.first { $0["ruleId"]?.string == "dataset-selected" }
      XCTAssertEqual(selected?["arguments"]?["dataset"]?.string, entry.dataset, name)
      XCTAssertEqual(summary(findings), entry.findings, name)
    }
  }

  func testPreschoolHeaderTypoIsNamedWithTheIntendedHeader() throws {
    let outcome = try validate([samples + "/yaizu-city/222127_preschool.csv"])
    let findings = outcome.findings(of: "222127_preschool.csv")
    let typo = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "dataset-header-near-miss" })
    XCTAssertEqual(typo["location"]?["line"]?.number?.int64, 1)
    XCTAssertEqual(typo["location"]?["column"]?.number?.int64, 1)
    XCTAssertEqual(
      typo["message"]?.string,
      "Column 1 is \"都道府県コ―ド又は市区町村コ―ド\", which stands for the template's \"都道府県コード又は市区町村コード\": "
        + "― (U+2015) where the template has ー (U+30FC).")
    let selected = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "dataset-selected" })
    XCTAssertEqual(
      selected["message"]?.string,
      "Checked as the preschool dataset (子育て施設一覧, 推奨データセット (2023-03-31 templates)): "
        + "the file name 222127_preschool.csv follows {code}_preschool.csv.")
    let kana = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "jp-kana-not-katakana" })
    XCTAssertEqual(kana["fix"]?.string, "Write the reading in full-width katakana: ハートリンクヤイヅホイクエン.")
  }

  func testAEDFullWidthDigits() throws {
    let outcome = try validate([samples + "/yaizu-city/222127_aed.csv"])
    let first = try XCTUnwrap(outcome.findings(of: "222127_aed.csv").first { $0["severity"]?.string != "info" })
    XCTAssertEqual(first["ruleId"]?.string, "jp-full-width-digits-in-text")
    XCTAssertEqual(first["location"]?["line"]?.number?.int64, 2)
    XCTAssertEqual(first["location"]?["column"]?.number?.int64, 81)
    XCTAssertEqual(
      first["message"]?.string,
      "\"２階正面入口\" in \"設置位置\" has full-width digits; machine-readable data writes them half-width: 2階正面入口.")
    // Only warnings: the file passes.
    XCTAssertEqual(outcome.status, 0)
  }

  func testShiftJISFileIsDecodedBeforeItsCellsAreChecked() throws {
    let outcome = try validate([samples + "/tablelinker-lib/katsushika_tourism.csv"])
    let phone = try XCTUnwrap(
      outcome.findings(of: "katsushika_tourism.csv").first { $0["ruleId"]?.string == "jp-full-width-digits" })
    XCTAssertEqual(phone["arguments"]?["value"]?.string, "03-3657-3455（葛飾柴又寅さん記念館）")
  }

  // MARK: - Choosing the dataset

  func testDatasetOptionAndDetection() throws {
    let header =
      "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,住所,方書,緯度,経度,設置位置,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,小児対応設備の有無,URL,備考"
    let row =
      "22212,1,静岡県,焼津市,市役所,シヤクショ,焼津市本町2-16-32,,138.323171,34.866918,1階,054-626-1139,,,管財課,平日,9:00,17:00,,有,www.city.yaizu.lg.jp,"
    let named = try temporaryFile("list.csv", header + "\n" + row + "\n")
    let byOption = try validate([named, "--dataset", "aed"])
    XCTAssertEqual(byOption.status, 1)
    XCTAssertEqual(
      summary(byOption.findings(of: "list.csv")),
      [
        "jp-lgcode-five-digit@2:都道府県コード又は市区町村コード", "jp-latlon-swapped@2:緯度", "jp-weekdays-invalid@2:利用可能曜日",
        "jp-time-format@2:開始時間", "jp-url-invalid@2:URL",
      ])
    let reason = byOption.findings(of: "list.csv").first { $0["ruleId"]?.string == "dataset-selected" }
    XCTAssertEqual(reason?["arguments"]?["reason"]?.string, "named with --dataset")
    // The same file found by its header.
    let detected = try validate([named])
    let chosen = detected.findings(of: "list.csv").first { $0["ruleId"]?.string == "dataset-selected" }
    XCTAssertEqual(chosen?["arguments"]?["dataset"]?.string, "aed")
    XCTAssertTrue(chosen?["arguments"]?["reason"]?.string?.contains("header matches 22 of the 22") == true)
    // By the file name, whose code is checked too.
    let badName = try temporaryFile("22212_aed.csv", header + "\n")
    let byName = try validate([badName])
    XCTAssertEqual(summary(byName.findings(of: "22212_aed.csv")), ["dataset-filename-code@nil:nil"])
    // Off.
    let off = try validate([named, "--dataset", "none"])
    XCTAssertEqual(off.status, 0)
    XCTAssertNil(off.findings(of: "list.csv").first { $0["ruleId"]?.string == "dataset-selected" })
  }

  func testUnknownDatasetIsAUsageError() throws {
    let file = try temporaryFile("a.csv", "a,b\n1,2\n")
    let result = try RenkeiProcess.run(["validate", file, "--dataset", "nosuch"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("unknown dataset nosuch"), result.stderr)
    let both = try RenkeiProcess.run(["validate", file, "--dataset", "aed", "--schema", file])
    XCTAssertNotEqual(both.status, 0)
  }

  func testEveryReportFormatCarriesDatasetFindings() throws {
    let file = samples + "/yaizu-city/222127_preschool.csv"
    for format in ["text", "json", "junit", "sarif", "markdown"] {
      let result = try RenkeiProcess.run(["validate", "--format", format, file])
      XCTAssertEqual(result.status, 1, format)
      XCTAssertTrue(result.stdout.contains("dataset-header-near-miss"), format)
    }
  }

  func testDatasetsListAndShow() throws {
    let list = try RenkeiProcess.run(["datasets", "list"])
    XCTAssertEqual(list.status, 0, list.stderr)
    for name in ["aed", "public_toilet-2024", "fire_hydrant-2024", "evacuation_space-2024", "tourism"] {
      XCTAssertTrue(list.stdout.contains(name), name)
    }
    let show = try RenkeiProcess.run(["datasets", "show", "aed"])
    XCTAssertEqual(show.status, 0, show.stderr)
    XCTAssertTrue(show.stdout.contains("1. 都道府県コード又は市区町村コード  lgcode"), show.stdout)
    XCTAssertTrue(show.stdout.contains("名称_カナ  kana  (required)"), show.stdout)
    XCTAssertEqual(try RenkeiProcess.run(["datasets", "show", "nosuch"]).status, 2)
  }
}
