import RenkeiCore

/// Validates a file holding one JSON text.
public struct JSONFileValidator: Sendable {
  public var parser: JSONParser
  public var checks: DocumentChecks

  public init(parser: JSONParser = JSONParser(), checks: DocumentChecks = DocumentChecks()) {
    self.parser = parser
    self.checks = checks
  }

  public func validate(_ bytes: [UInt8], path: String) -> Report.Subject {
    do {
      let result = try parser.parse(bytes)
      let findings = result.findings(file: path) + checks.findings(result.document.root, file: path)
      return Report.Subject(path: path, format: InputFormat.json.rawValue, itemCount: 1, findings: findings)
    } catch {
      return Report.Subject(
        path: path, format: InputFormat.json.rawValue, itemCount: 1, findings: [error.finding(file: path)])
    }
  }
}
