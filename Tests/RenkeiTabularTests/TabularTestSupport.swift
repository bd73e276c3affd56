import Foundation
import RenkeiCore
import RenkeiTabular
import XCTest

/// A finding as frictionless's `report.flatten(["rowNumber", "fieldNumber", "type"])` shows it:
/// label errors have no row; row errors (blank row, keys) no field number.
struct Flat: Equatable, CustomStringConvertible {
  var row: Int?
  var field: Int?
  var type: String

  init(_ row: Int?, _ field: Int?, _ type: String) {
    self.row = row
    self.field = field
    self.type = type
  }

  var description: String { "[\(row.map(String.init) ?? "None"), \(field.map(String.init) ?? "None"), \(type)]" }
}

enum TabularTestSupport {
  static let labelRules: Set<String> = [
    "blank-label", "duplicate-label", "incorrect-label", "missing-label", "extra-label", "blank-header",
    "unmatched-header",
  ]
  static let rowRules: Set<String> = ["blank-row", "primary-key", "foreign-key", "source-error", "encoding-error"]

  static func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
  }

  static func bytes(_ name: String) -> [UInt8] { Array(FileManager.default.contents(atPath: fixture(name))!) }

  static func schema(_ name: String) throws -> TableSchema { try TableSchema(json: bytes(name)) }

  static func schema(json: String) throws -> TableSchema { try TableSchema(json: Array(json.utf8)) }

  /// Validates a fixture file.
  static func validate(
    _ name: String, schema: TableSchema? = nil, dialect: CSVDialect = CSVDialect(), encoding: TextEncoding? = nil,
    blockSize: Int = 8 << 20
  ) throws -> TableReport {
    let options = TableValidator.Options(dialect: dialect, encoding: encoding, schema: schema, blockSize: blockSize)
    return try TableValidator(options: options).validate(path: fixture(name))
  }

  /// Validates CSV text.
  static func validate(
    text: String, schema: TableSchema? = nil, dialect: CSVDialect = CSVDialect(), blockSize: Int = 8 << 20,
    workers: Int = TableValidator.availableCores
  ) -> TableReport {
    let options = TableValidator.Options(dialect: dialect, schema: schema, workers: workers, blockSize: blockSize)
    return TableValidator(options: options).validate(bytes: Array(text.utf8), file: "inline.csv")
  }

  /// The frictionless-style list of a report's errors (renkei's own `csv-*` rules, warnings and
  /// notes left out), optionally only those of the given types.
  static func flatten(_ report: TableReport, pick: Set<String>? = nil) -> [Flat] {
    report.findings.filter { $0.severity == .error && !$0.ruleID.hasPrefix("csv-") }
      .filter { pick?.contains($0.ruleID) ?? true }
      .map { finding in
        let row = labelRules.contains(finding.ruleID) ? nil : finding.location.row
        let field = rowRules.contains(finding.ruleID) ? nil : finding.arguments["fieldNumber"].flatMap { Int($0) }
        return Flat(row, field, finding.ruleID)
      }
  }

  /// The findings of one rule.
  static func findings(_ report: TableReport, _ rule: String) -> [Finding] {
    report.findings.filter { $0.ruleID == rule }
  }
}
