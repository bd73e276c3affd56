/// The verdict of an unanchored search.
public enum ECMARegexResult: Sendable, Equatable {
  case match
  case noMatch
  /// The search used up its step budget (catastrophic backtracking); it neither matched nor
  /// failed to match, and callers should report that rather than guess.
  case budgetExceeded
}

/// Thrown by `ECMARegex.firstMatch(in:maxSteps:)` when the step budget runs out.
public struct ECMARegexBudgetExceeded: Error, Sendable, CustomStringConvertible {
  public let maxSteps: Int
  public var description: String { "regular expression search gave up after \(maxSteps) steps" }
}

/// A match found by `ECMARegex.firstMatch(in:maxSteps:)`.
public struct ECMARegexMatch: Sendable {
  /// The matched part of the searched string.
  public let range: Range<String.Index>
  /// The ranges of capture groups 1, 2, ...; `nil` for groups that did not participate.
  public let captures: [Range<String.Index>?]
  let groupNames: [String: [Int]]

  /// The range of the named group that participated in the match, if any.
  public subscript(name: String) -> Range<String.Index>? {
    groupNames[name]?.lazy.compactMap { captures[$0 - 1] }.first
  }
}

/// An ECMA-262 regular expression with the `u` flag and no other flags, as JSON Schema's `pattern`
/// keyword and `format: "regex"` require, matched over Unicode scalars.
///
/// The classic ECMA-262 meanings hold: `\d` is `[0-9]`, `\w` is `[A-Za-z0-9_]`, `\b` uses that
/// `\w`, `\s` is the ECMA-262 WhiteSpace and LineTerminator set, `.` matches anything but a line
/// terminator (LF, CR, U+2028, U+2029), and `^` and `$` match only at the very start and end of
/// the input (there is no multiline flag). Searches are unanchored.
///
/// Supported: the whole ES2024 `u`-mode pattern grammar (alternatives, capturing, non-capturing
/// and named groups, lookahead and variable-width lookbehind, greedy and lazy quantifiers,
/// classes, all escapes, backreferences by number and name), ES2025 duplicate group names in
/// different alternatives, and `\p{...}`/`\P{...}` for every General_Category value, every
/// binary property ECMA-262 lists, and every Script and Script_Extensions value (Unicode 17).
/// Refused as `.unsupported` rather than answered wrongly: ES2025 pattern modifiers such as
/// `(?i:...)`, which need case folding. Lone surrogates written as `\uD800` are accepted but never
/// match, since a Swift string cannot contain one.
///
/// Compiled once, a value is immutable and can be shared freely between threads.
public struct ECMARegex: Sendable {
  /// Steps (instructions plus backtracks) a search may take before giving up: 10 to 50 ms of
  /// work in a release build, far more than a reasonable pattern needs on one value, while an
  /// exponential one such as `(a+)+$` gives up long before it would finish.
  public static let defaultMaxSteps = 5_000_000

  public let pattern: String
  /// The number of capture groups.
  public let captureCount: Int
  private let groupNames: [String: [Int]]
  private let engine: RegexSearch

  public init(_ pattern: String) throws(ECMARegexSyntaxError) {
    let parsed = try RegexParser.parse(pattern)
    self.pattern = pattern
    captureCount = parsed.captureCount
    groupNames = parsed.groupNames
    engine = RegexSearch(parsed)
  }

  /// Whether `pattern` is a valid ECMA-262 `u`-mode pattern (`format: "regex"`). Patterns using
  /// features this engine does not implement count as valid.
  public static func isValid(_ pattern: String) -> Bool {
    do {
      _ = try RegexParser.parse(pattern)
      return true
    } catch {
      return error.kind == .unsupported
    }
  }

  /// Unanchored search, as JSON Schema `pattern` uses it. A search that runs out of budget reads
  /// as `false` here; validators should use `evaluate(_:maxSteps:)` to tell the two apart.
  public func matches(_ text: String) -> Bool {
    evaluate(text) == .match
  }

  /// Unanchored search: does the pattern match anywhere in `text`?
  public func evaluate(_ text: String, maxSteps: Int = defaultMaxSteps) -> ECMARegexResult {
    Self.withUTF8(text) { bytes in
      switch engine.search(bytes, maxSteps: maxSteps, wantSlots: false) {
      case .match: .match
      case .noMatch: .noMatch
      case .budgetExceeded: .budgetExceeded
      }
    }
  }

  /// The leftmost match in `text` with its capture groups, or `nil`.
  public func firstMatch(in text: String, maxSteps: Int = defaultMaxSteps) throws(ECMARegexBudgetExceeded)
    -> ECMARegexMatch?
  {
    let outcome = Self.withUTF8(text) { engine.search($0, maxSteps: maxSteps, wantSlots: true) }
    switch outcome {
    case .noMatch: return nil
    case .budgetExceeded: throw ECMARegexBudgetExceeded(maxSteps: maxSteps)
    case .match(let start, let end, let slots):
      let utf8 = text.utf8
      func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
      let captures = (1..<captureCount + 1).map { group -> Range<String.Index>? in
        let (low, high) = (slots[2 * group], slots[2 * group + 1])
        return low >= 0 && high >= 0 ? index(low)..<index(high) : nil
      }
      return ECMARegexMatch(range: index(start)..<index(end), captures: captures, groupNames: groupNames)
    }
  }

  /// Runs `body` on the string's UTF-8 bytes without copying them when the storage is contiguous.
  private static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
  }
}
