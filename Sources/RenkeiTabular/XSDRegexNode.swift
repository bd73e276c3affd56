/// A parsed XML Schema regular expression.
indirect enum XSDRegexNode: Sendable, Hashable {
  /// Matches the empty string.
  case empty
  /// One character from the set.
  case characters(ScalarSet)
  case sequence([XSDRegexNode])
  case alternatives([XSDRegexNode])
  /// `node{min,max}`; `max` nil for unbounded.
  case repetition(XSDRegexNode, min: Int, max: Int?)
}

/// Why a pattern cannot be used.
public struct XSDRegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// Position in the pattern (in characters, 0-based).
  public var offset: Int

  public var description: String { "\(message) at character \(offset + 1)" }
}
