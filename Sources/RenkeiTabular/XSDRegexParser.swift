/// Parses XML Schema 1.0 regular expressions (XML Schema Part 2, appendix F): branches, pieces
/// with `? * + {n} {n,} {n,m}`, groups, `.`, character class expressions with ranges, negation
/// and subtraction (`[a-z-[aeiou]]`), single-character escapes, `\s \S \i \I \c \C \d \D \w \W`,
/// and `\p{...}` / `\P{...}` with general categories and blocks.
///
/// Table Schema patterns are written for implementations that wrap them in `^...$` and use their
/// host language's engine, so a few extensions that do not change what a whole-value match means
/// are accepted: a leading `^` and a trailing `$` (anchors, not literal characters), `(?:...)`
/// groups, lazy quantifiers (`*?`), and a backslash before any ASCII punctuation. Features that
/// are not regular (back-references, look-around, word boundaries) are rejected with an error.
struct XSDRegexParser {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  /// Repetition counts are expanded when compiled; beyond this, a pattern is refused.
  static let maxRepetition = 1000

  static func parse(_ pattern: String) throws(XSDRegexSyntaxError) -> XSDRegexNode {
    var parser = XSDRegexParser(scalars: Array(pattern.unicodeScalars))
    return try parser.parseWhole()
  }

  private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  private mutating func parseWhole() throws(XSDRegexSyntaxError) -> XSDRegexNode {
    var end = scalars.count
    if position < end && scalars[position] == "^" { position += 1 }
    if end > position && scalars[end - 1] == "$" && !isEscaped(at: end - 1) { end -= 1 }
    let node = try parseAlternatives(until: end)
    guard position == end else { throw error("unbalanced ')'") }
    return node
  }

  /// Whether the character at `index` is preceded by an odd number of backslashes.
  private func isEscaped(at index: Int) -> Bool {
    var count = 0
    var i = index - 1
    while i >= 0 && scalars[i] == "\\" {
      count += 1
      i -= 1
    }
    return count % 2 == 1
  }

  private func error(_ message: String) -> XSDRegexSyntaxError {
    XSDRegexSyntaxError(message: message, offset: position)
  }

  private func peek(_ end: Int) -> Unicode.Scalar? { position < end ? scalars[position] : nil }

  private mutating func parseAlternatives(until end: Int) throws(XSDRegexSyntaxError) -> XSDRegexNode {
    var branches = [try parseBranch(until: end)]
    while peek(end) == "|" {
      position += 1
      branches.append(try parseBranch(until: end))
    }
    return branches.count == 1 ? branches[0] : .alternatives(branches)
  }

  private mutating func parseBranch(until end: Int) throws(XSDRegexSyntaxError) -> XSDRegexNode {
    var pieces: [XSDRegexNode] = []
    while let next = peek(end), next != "|", next != ")" {
      let atom = try parseAtom(until: end)
      pieces.append(try parseQuantifier(atom, until: end))
    }
    if pieces.isEmpty { return .empty }
    return pieces.count == 1 ? pieces[0] : .sequence(pieces)
  }

  private mutating func parseQuantifier(_ atom: XSDRegexNode, until end: Int) throws(XSDRegexSyntaxError)
    -> XSDRegexNode
  {
    var node = atom
    guard let next = peek(end) else { return node }
    switch next {
    case "?":
      position += 1
      node = .repetition(atom, min: 0, max: 1)
    case "*":
      position += 1
      node = .repetition(atom, min: 0, max: nil)
    case "+":
      position += 1
      node = .repetition(atom, min: 1, max: nil)
    case "{":
      position += 1
      let low = try parseNumber(until: end)
      var high: Int? = low
      if peek(end) == "," {
        position += 1
        high = peek(end) == "}" ? nil : try parseNumber(until: end)
      }
      guard peek(end) == "}" else { throw error("'}' expected to close the quantifier") }
      position += 1
      if let high, high < low { throw error("quantifier {\(low),\(high)} has its bounds reversed") }
      if max(low, high ?? 0) > Self.maxRepetition {
        throw error("repetition counts above \(Self.maxRepetition) are not supported")
      }
      node = .repetition(atom, min: low, max: high)
    default:
      return node
    }
    // A lazy quantifier matches the same whole values.
    if peek(end) == "?" { position += 1 }
    if let next = peek(end), next == "?" || next == "*" || next == "+" || next == "{" {
      throw error("a quantifier cannot follow another quantifier")
    }
    return node
  }

  private mutating func parseNumber(until end: Int) throws(XSDRegexSyntaxError) -> Int {
    var value = 0
    var digits = 0
    while let next = peek(end), let digit = asciiDigit(next) {
      value = min(value * 10 + digit, 1_000_000)
      digits += 1
      position += 1
    }
    guard digits > 0 else { throw error("a number is expected in the quantifier") }
    return value
  }

  private func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
    scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
  }

  private mutating func parseAtom(until end: Int) throws(XSDRegexSyntaxError) -> XSDRegexNode {
    let scalar = scalars[position]
    switch scalar {
    case "(":
      position += 1
      if peek(end) == "?" {
        if position + 1 < end && scalars[position + 1] == ":" {
          position += 2
        } else {
          throw error("look-around and other (?...) groups are not part of XML Schema regular expressions")
        }
      }
      let inner = try parseAlternatives(until: end)
      guard peek(end) == ")" else { throw error("')' expected") }
      position += 1
      return inner
    case "[":
      return .characters(try parseClassExpression(until: end))
    case ".":
      position += 1
      return .characters(ScalarSet([0x0A...0x0A, 0x0D...0x0D]).complement)
    case "\\":
      return .characters(try parseEscape(until: end, inClass: false))
    case "?", "*", "+", "{":
      throw error("nothing to repeat before '\(scalar)'")
    case "]", "}":
      // XML Schema does not allow these unescaped; most engines read them literally.
      throw error("'\(scalar)' must be escaped as '\\\(scalar)'")
    default:
      position += 1
      return .characters(ScalarSet(scalar: scalar.value))
    }
  }

  /// `[...]`, with the '[' at the current position.
  private mutating func parseClassExpression(until end: Int) throws(XSDRegexSyntaxError) -> ScalarSet {
    position += 1
    var negated = false
    if peek(end) == "^" {
      negated = true
      position += 1
    }
    var set = ScalarSet.empty
    var first = true
    while true {
      guard let next = peek(end) else { throw error("']' expected to close the character class") }
      if next == "]" && !first { break }
      if next == "-" && position + 1 < end && scalars[position + 1] == "[" && !first {
        // Subtraction: the rest of the group minus another class, then ']'.
        position += 1
        let subtracted = try parseClassExpression(until: end)
        guard peek(end) == "]" else { throw error("']' expected after a subtracted class") }
        position += 1
        let group = negated ? set.complement : set
        return group.subtracting(subtracted)
      }
      first = false
      // A single character, a range, or a class escape.
      let start = position
      let low: UInt32
      if next == "\\" {
        let escaped = try parseEscape(until: end, inClass: true)
        guard escaped.ranges.count == 1, escaped.ranges[0].lowerBound == escaped.ranges[0].upperBound,
          isSingleCharacterEscape(at: start)
        else {
          set = set.union(escaped)
          continue
        }
        low = escaped.ranges[0].lowerBound
      } else if next == "[" {
        throw error("'[' must be escaped inside a character class")
      } else {
        low = next.value
        position += 1
      }
      if peek(end) == "-", position + 1 < end, scalars[position + 1] != "]", scalars[position + 1] != "[" {
        position += 1
        let high: UInt32
        if peek(end) == "\\" {
          let escapeStart = position
          let escaped = try parseEscape(until: end, inClass: true)
          guard isSingleCharacterEscape(at: escapeStart), let bound = escaped.ranges.first?.lowerBound else {
            throw error("a range cannot end with a class escape")
          }
          high = bound
        } else {
          high = scalars[position].value
          position += 1
        }
        guard low <= high else { throw error("range out of order") }
        set = set.union(ScalarSet([low...high]))
      } else {
        set = set.union(ScalarSet(scalar: low))
      }
    }
    position += 1
    return negated ? set.complement : set
  }

  /// Whether the escape at `index` stands for one character (as opposed to `\d`, `\p{..}` ...).
  private func isSingleCharacterEscape(at index: Int) -> Bool {
    guard index + 1 < scalars.count else { return false }
    return !"sSiIcCdDwWpP".unicodeScalars.contains(scalars[index + 1])
  }

  /// A backslash escape at the current position.
  private mutating func parseEscape(until end: Int, inClass: Bool) throws(XSDRegexSyntaxError) -> ScalarSet {
    position += 1
    guard let letter = peek(end) else { throw error("a character is expected after '\\'") }
    position += 1
    switch letter {
    case "n": return ScalarSet(scalar: 0x0A)
    case "r": return ScalarSet(scalar: 0x0D)
    case "t": return ScalarSet(scalar: 0x09)
    case "s": return UnicodeClasses.space
    case "S": return UnicodeClasses.space.complement
    case "d": return UnicodeClasses.digit
    case "D": return UnicodeClasses.digit.complement
    case "w": return UnicodeClasses.word
    case "W": return UnicodeClasses.word.complement
    case "i": return UnicodeClasses.nameStart
    case "I": return UnicodeClasses.nameStart.complement
    case "c": return UnicodeClasses.nameCharacter
    case "C": return UnicodeClasses.nameCharacter.complement
    case "p", "P":
      guard peek(end) == "{" else { throw error("'{' expected after \\\(letter)") }
      position += 1
      var name = ""
      while let next = peek(end), next != "}" {
        name.unicodeScalars.append(next)
        position += 1
      }
      guard peek(end) == "}" else { throw error("'}' expected to close \\\(letter){") }
      position += 1
      guard let set = UnicodeClasses.property(name) else {
        throw error("unknown character property '\(name)'")
      }
      return letter == "p" ? set : set.complement
    case "b", "B", "A", "Z", "z", "G":
      throw error("'\\\(letter)' (an assertion) is not part of XML Schema regular expressions")
    default:
      if letter.value >= 0x31 && letter.value <= 0x39 {
        throw error("back-references are not part of XML Schema regular expressions")
      }
      // XML Schema allows \\ \| \. \? \* \+ \( \) \{ \} \- \[ \] \^; other ASCII punctuation is
      // accepted as itself, as the regular-expression engines of Python and JavaScript do.
      if letter.isASCII && !letter.properties.isAlphabetic && !(0x30...0x39).contains(letter.value) {
        return ScalarSet(scalar: letter.value)
      }
      throw error("unknown escape '\\\(letter)'")
    }
  }
}
