import RenkeiCore

/// What a conversion did: rows read, entities written, rows rejected, and the findings (at most
/// a limited number per rule listed; the rest counted).
public struct ConversionSummary: Sendable {
  public var file: String?
  /// Data rows (records) read, blank rows not included.
  public var rowsIn = 0
  public var entitiesOut = 0
  /// Rows that became no entity; each has an error finding.
  public var rejected = 0
  public var blankRows = 0
  public var findings: [Finding] = []
  /// Findings not listed, by rule id.
  public var unlisted: [String: Int] = [:]
  public var mapping: String
  public var model: String
  public var target: String

  public init(file: String?, mapping: String, model: String, target: String) {
    self.file = file
    self.mapping = mapping
    self.model = model
    self.target = target
  }

  public var errorCount: Int { findings.count { $0.severity == .error } }
  public var warningCount: Int { findings.count { $0.severity == .warning } }

  /// One line: `222127_aed.csv: 82 rows → 82 entities (AED設置箇所一覧, ngsi-ld), 0 rejected`.
  public var line: String {
    var text =
      "\(file ?? "-"): \(rowsIn) rows in, \(entitiesOut) entities out (\(model), \(target)), \(rejected) rejected"
    if blankRows > 0 { text += ", \(blankRows) blank rows skipped" }
    let listed = findings.count { $0.severity != .info }
    let more = unlisted.values.reduce(0, +)
    if listed + more > 0 { text += "; \(errorCount) errors, \(warningCount) warnings" }
    if more > 0 { text += " (\(more) more findings not listed)" }
    return text
  }
}
