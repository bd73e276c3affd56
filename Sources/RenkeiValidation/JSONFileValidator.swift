import RenkeiCore

/// Validates a file holding one JSON text.
public struct JSONFileValidator: Sendable {
  public var parser: JSONParser

  public init(parser: JSONParser = JSONParser()) { self.parser = parser }

  public func validate(_ bytes: [UInt8], path: String) -> Report.Subject {
    do {
      let result = try parser.parse(bytes)
      return Report.Subject(path: path, format: InputFormat.json.rawValue, itemCount: 1, findings: result.findings(file: path))
    } catch {
      return Report.Subject(path: path, format: InputFormat.json.rawValue, itemCount: 1, findings: [error.finding(file: path)])
    }
  }
}
