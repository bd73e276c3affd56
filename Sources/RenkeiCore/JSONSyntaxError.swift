/// The first syntax error of a JSON text: parsing stops there.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
  public let rule: Rule
  public let arguments: [String: String]
  /// Byte offset in the parsed bytes.
  public let offset: Int
  public let position: SourcePosition

  public var description: String {
    "\(position.line):\(position.column): \(Rule.render(rule.message, arguments))"
  }

  public func finding(file: String?, documentNumber: Int? = nil) -> Finding {
    rule.finding(
      at: SourceLocation(
        file: file, line: position.line, column: position.column, document: documentNumber),
      arguments)
  }
}
