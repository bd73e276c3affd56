import RenkeiCore
import RenkeiJapanese

/// Binds a mapping to the labels of an actual input (a CSV header, or the field names asked of
/// JSON and XML records): finds each mapping column among the labels (by name or alias, ignoring
/// width and spaces), and lists the columns the input lacks and the input columns the mapping
/// does not use, so no value goes unconverted without a finding.
public struct MappingCompiler: Sendable {
  public let mapping: Mapping

  public init(mapping: Mapping) { self.mapping = mapping }

  /// The label of a column compared loosely: half width, without spaces, `―`/`ー` in `コード`
  /// spelled alike.
  static func key(_ label: String) -> String {
    var folded = WidthFolding.toHalfWidthASCII(label)
    folded.removeAll { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
    return folded.replacing("コ―ド", with: "コード").replacing("コ-ド", with: "コード")
  }

  /// The plan for rows whose cells are in `labels` order, and findings about the header.
  public func compile(labels: [String], file: String?) -> (ConversionPlan, [Finding]) {
    var indexByKey: [String: Int] = [:]
    for (index, label) in labels.enumerated() where indexByKey[Self.key(label)] == nil {
      indexByKey[Self.key(label)] = index
    }
    var findings: [Finding] = []
    var used = Set<Int>()
    var indexes: [Int?] = []
    for column in mapping.columns {
      let index = ([column.name] + column.aliases).lazy.compactMap { indexByKey[Self.key($0)] }.first
      indexes.append(index)
      if let index {
        used.insert(index)
      } else {
        let effect: String
        if column.required || mapping.id.columns.contains(column.name) {
          effect = "every row needs it, so no row can be converted"
        } else {
          effect = "the attributes made from it are left out"
        }
        findings.append(
          ConvertRules.columnMissing.finding(
            at: SourceLocation(file: file, row: 1, field: column.name),
            ["column": column.name, "mapping": mapping.name, "effect": effect]))
      }
    }
    for (index, label) in labels.enumerated() where !used.contains(index) && !label.isEmpty {
      findings.append(
        ConvertRules.columnUnmapped.finding(
          at: SourceLocation(file: file, row: 1, field: label), ["column": label, "mapping": mapping.name]))
    }
    return (ConversionPlan(mapping: mapping, sourceIndexes: indexes, width: labels.count), findings)
  }
}
