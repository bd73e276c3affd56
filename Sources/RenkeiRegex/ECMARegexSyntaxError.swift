/// Why a pattern was refused: either it is not an ECMA-262 `u`-mode pattern at all, or it is one
/// that this engine deliberately does not implement (so it never gives a wrong answer for it).
public struct ECMARegexSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// The pattern is not valid ECMA-262 with the `u` flag; `format: "regex"` should reject it.
    case invalid
    /// The pattern is valid ECMA-262 but uses a feature this engine does not implement
    /// (for example the ES2025 `(?i:...)` modifiers); callers should not call it invalid.
    case unsupported
  }

  public let kind: Kind
  /// Offset of the offending construct, in Unicode scalars from the start of the pattern.
  public let offset: Int
  public let message: String

  public init(kind: Kind = .invalid, offset: Int, message: String) {
    self.kind = kind
    self.offset = offset
    self.message = message
  }

  public var description: String {
    switch kind {
    case .invalid: "invalid regular expression at offset \(offset): \(message)"
    case .unsupported: "unsupported regular expression feature at offset \(offset): \(message)"
    }
  }
}
