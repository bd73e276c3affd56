/// A JSON number kept as its exact lexeme, so 1, 1.0 and 1e0 stay distinguishable and
/// integers beyond 2^53 stay exact. Conversions are on demand.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  public let lexeme: String

  public init(lexeme: String) { self.lexeme = lexeme }

  public var description: String { lexeme }

  /// True when written without fraction or exponent.
  public var isIntegerLexeme: Bool { !lexeme.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

  /// The value as Int64 when written as an integer that fits.
  public var int64: Int64? { isIntegerLexeme ? Int64(lexeme) : nil }

  /// The nearest Double (may round).
  public var double: Double { Double(lexeme) ?? .nan }
}
