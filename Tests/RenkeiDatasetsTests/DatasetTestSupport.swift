import Foundation
import RenkeiCore
import RenkeiDatasets
import RenkeiTabular
import XCTest

/// A profile with one column of every type, and helpers to validate CSV text against it.
enum DatasetFixture {
  static let header = "NO,コード,名称,名称_カナ,緯度,経度,日付,時間,曜日,電話番号,URL,数,値,法人番号,有無,備考"
  static let goodRow =
    "1,222127,市役所,シヤクショ,34.866918,138.323171,2023-04-01,09:00,月火水木金,(054)626-1139,https://example.jp/a,12,3.5,7000012050002,有,２階"

  static let profile = DatasetProfile(
    name: "sample", title: "試験", edition: "test", fileName: "{code}_sample.csv",
    columns: [
      .init(name: "NO", type: .string, required: true, unique: true),
      .init(name: "コード", type: .lgcode),
      .init(name: "名称", type: .string, required: true),
      .init(name: "名称_カナ", type: .kana),
      .init(name: "緯度", type: .latitude),
      .init(name: "経度", type: .longitude),
      .init(name: "日付", type: .date),
      .init(name: "時間", type: .time),
      .init(name: "曜日", type: .weekdays),
      .init(name: "電話番号", type: .phone),
      .init(name: "URL", type: .url),
      .init(name: "数", type: .integer),
      .init(name: "値", type: .number),
      .init(name: "法人番号", type: .corporateNumber),
      .init(name: "有無", type: .presence),
      .init(name: "備考", type: .text),
    ])

  /// The index of a column of the fixture profile.
  static func column(_ name: String) -> Int { profile.columns.firstIndex { $0.name == name }! }

  /// The good row with one cell replaced.
  static func row(_ name: String, _ value: String, no: String = "1") -> String {
    var cells = goodRow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[0] = no
    cells[column(name)] = value.contains(",") ? "\"\(value)\"" : value
    return cells.joined(separator: ",")
  }

  /// Findings other than infos of validating `csv` as `profile`.
  static func findings(
    _ csv: String, profile: DatasetProfile = DatasetFixture.profile, file: String = "x.csv", includeInfo: Bool = false
  ) -> [Finding] {
    var options = TableValidator.Options(workers: 1)
    options.profile = DatasetTableProfile(.named(profile))
    let report = TableValidator(options: options).validate(bytes: Array(csv.utf8), file: file)
    return DatasetFindings.rewrite(report.findings).filter { includeInfo || $0.severity != .info }
  }

  /// The repository's `profiles/datasets`.
  static var catalog: DatasetCatalog {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return try! DatasetCatalog.load(directory: root.appendingPathComponent("profiles/datasets").path)
  }
}
