import RenkeiCore
import RenkeiJapanese
import RenkeiTabular

/// Plugs the dataset checks into a CSV validation run: once the header is read it picks the
/// profile (the one named, or the one the file name and header point to), compares the header
/// with the template, and plans a check for every column it recognises — also under a
/// misspelt label, so a typo in the header does not hide the values' problems.
public struct DatasetTableProfile: TableProfile {
  public enum Selection: Sendable {
    /// `--dataset NAME`.
    case named(DatasetProfile)
    /// From the file name or the header, among the catalogue's profiles.
    case detect(DatasetCatalog)
  }

  public let selection: Selection

  public init(_ selection: Selection) { self.selection = selection }

  public func plan(for header: TableHeader) -> TablePlan {
    let choice: DatasetCatalog.Choice
    switch selection {
    case .named(let profile):
      let base = header.file.map { String($0.split(separator: "/").last ?? "") } ?? ""
      choice = DatasetCatalog.Choice(
        profile: profile, reason: "named with --dataset",
        fileCode: profile.fileName.isEmpty ? nil : DatasetCatalog.match(base, pattern: profile.fileName))
    case .detect(let catalog):
      guard let detected = catalog.detect(fileName: header.file, labels: header.labels) else { return TablePlan() }
      choice = detected
    }
    let profile = choice.profile
    var findings: [Finding] = [
      DatasetRules.selected.finding(
        at: SourceLocation(file: header.file),
        ["dataset": profile.name, "title": profile.title, "edition": profile.edition, "reason": choice.reason])
    ]
    if let code = choice.fileCode, !code.isEmpty, let finding = fileCodeFinding(code, profile, header) {
      findings.append(finding)
    }
    guard let labels = header.labels else { return TablePlan(findings: findings) }
    let match = HeaderMatch(labels: labels, columns: profile.columns.map(\.name))
    findings += headerFindings(labels, match, profile, header)
    // Checks for every recognised column; the schema only carries `unique` to the key checks.
    var checks: [Int: any CellCheck] = [:]
    var latitudeColumn: Int? = nil
    var longitudeColumn: Int? = nil
    for (index, column) in match.columnOfLabel.enumerated() {
      guard let column else { continue }
      if profile.columns[column].type == .latitude && latitudeColumn == nil { latitudeColumn = index }
      if profile.columns[column].type == .longitude && longitudeColumn == nil { longitudeColumn = index }
    }
    var fields: [TableField] = []
    for (index, label) in labels.enumerated() {
      var field = TableField(name: label, type: .any)
      if let column = match.columnOfLabel[index] {
        let definition = profile.columns[column]
        if definition.unique {
          field.type = .string
          field.constraints.unique = true
        }
        let isLatitude = definition.type == .latitude && index == latitudeColumn
        let isLongitude = definition.type == .longitude && index == longitudeColumn
        checks[index] = DatasetCellCheck(
          column: definition, dataset: profile.name,
          companionColumn: isLatitude ? longitudeColumn : isLongitude ? latitudeColumn : nil,
          pairedLongitude: isLongitude && latitudeColumn != nil)
      }
      fields.append(field)
    }
    let hasUnique = fields.contains { $0.constraints.unique }
    return TablePlan(findings: findings, schema: hasUnique ? TableSchema(fields: fields) : nil, cellChecks: checks)
  }

  private func fileCodeFinding(_ code: String, _ profile: DatasetProfile, _ header: TableHeader) -> Finding? {
    let suffix = profile.fileName.replacing("{code}", with: "")
    var arguments = ["code": code, "expected": "<code>" + suffix]
    switch LocalGovernmentCode.classify(code) {
    case .valid:
      return nil
    case .unknown:
      arguments["problem"] = "has a valid check digit but is no current 全国地方公共団体コード"
    case .wrongCheckDigit(let expected):
      arguments["problem"] = "has a wrong check digit (\(expected) has the right one)"
      arguments["expected"] = expected + suffix
    case .missingCheckDigit(let full, let name):
      arguments["problem"] = "is the five-digit code without its check digit (\(full)\(name.map { ", \($0)" } ?? ""))"
      arguments["expected"] = full + suffix
    case .lostLeadingZero(let full, let name):
      arguments["problem"] = "has lost its leading zero (\(full)\(name.map { ", \($0)" } ?? ""))"
      arguments["expected"] = full + suffix
    case .malformed:
      arguments["problem"] = "is not a 全国地方公共団体コード"
    }
    return DatasetRules.fileNameCode.finding(at: SourceLocation(file: header.file), arguments)
  }

  private func headerFindings(
    _ labels: [String], _ match: HeaderMatch, _ profile: DatasetProfile, _ header: TableHeader
  ) -> [Finding] {
    var findings: [Finding] = []
    let names = profile.columns.map(\.name)
    for (index, label) in labels.enumerated() {
      guard let column = match.columnOfLabel[index] else {
        // A partial profile knows only its first columns: the rest are not extra.
        if !profile.partial {
          findings.append(
            DatasetRules.headerExtra.finding(
              at: header.location(ofLabel: index),
              ["label": label, "fieldNumber": String(index + 1), "dataset": profile.name]))
        }
        continue
      }
      guard match.kindOfLabel[index] != .exact else { continue }
      findings.append(
        DatasetRules.headerNearMiss.finding(
          at: header.location(ofLabel: index),
          [
            "label": label, "fieldNumber": String(index + 1), "expected": names[column],
            "difference": HeaderMatch.difference(label, names[column]), "dataset": profile.name,
          ]))
    }
    for column in match.missing {
      var finding = DatasetRules.headerMissing.finding(
        at: header.location(ofLabel: nil),
        ["expected": names[column], "expectedNumber": String(column + 1), "dataset": profile.name])
      finding.location.field = names[column]
      // An optional column that is missing is a warning; a required one an error.
      if !profile.columns[column].required { finding.severity = .warning }
      findings.append(finding)
    }
    // Order: the first label whose column comes before that of a label to its left.
    var highest = -1
    for (index, column) in match.columnOfLabel.enumerated() {
      guard let column else { continue }
      if column < highest {
        findings.append(
          DatasetRules.headerOrder.finding(
            at: header.location(ofLabel: index),
            ["label": labels[index], "fieldNumber": String(index + 1), "expectedNumber": String(column + 1)]))
        break
      }
      highest = column
    }
    return findings
  }
}
