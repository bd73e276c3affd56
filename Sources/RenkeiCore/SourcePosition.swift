/// A 1-based line and column (in Unicode scalar values).
public struct SourcePosition: Sendable, Hashable, Codable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}
