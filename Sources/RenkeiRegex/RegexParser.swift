/// The result of parsing: the tree plus what the compiler and the match API need to know.
struct ParsedPattern: Sendable {
  let root: RegexNode
  let captureCount: Int
  /// Group names to group numbers (several when a name is shared across alternatives).
  let groupNames: [String: [Int]]
}

/// A recursive-descent parser for the ECMA-262 `Pattern` grammar with the `u` flag (the grammar
/// JSON Schema prescribes), producing `RegexNode`s or an `ECMARegexSyntaxError`.
///
/// It follows the `[+UnicodeMode]` productions, so the Annex B leniencies of web browsers are
/// errors: lone `{`, `}` and `]`, identity escapes such as `\a`, `\-` outside a class, quantified
/// lookarounds, octal escapes and backreferences to groups that do not exist.
///
/// Backreferences can refer to groups that come later (`\2(a)(b)`, `\k<x>(?<x>a)`), so a pattern
/// that has any is parsed twice: first to learn the groups, then to resolve the references.
/// Nesting depth is bounded so that a hostile pattern cannot overflow the stack.
struct RegexParser {
  static let maxNestingDepth = 256

  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var depth = 0
  private var captureCount = 0
  /// Groups learned by the first pass; `nil` during the first pass itself.
  private let knownGroups: (count: Int, names: [String: [Int]])?
  private var sawBackreference = false
  private var namedGroups: [(name: String, index: Int, path: [AlternativePosition], offset: Int)] = []
  /// Where the parser is in nested disjunctions, to decide whether two groups with the same name
  /// can both participate in a match (ES2025 allows shared names only in different alternatives).
  private var alternativePath: [AlternativePosition] = []
  private var disjunctionCount = 0

  private struct AlternativePosition: Equatable {
    var disjunction: Int
    var alternative: Int
  }

  private init(_ scalars: [Unicode.Scalar], knownGroups: (count: Int, names: [String: [Int]])?) {
    self.scalars = scalars
    self.knownGroups = knownGroups
  }

  static func parse(_ pattern: String) throws(ECMARegexSyntaxError) -> ParsedPattern {
    let scalars = Array(pattern.unicodeScalars)
    var first = RegexParser(scalars, knownGroups: nil)
    let root = try first.parsePattern()
    var names: [String: [Int]] = [:]
    for group in first.namedGroups { names[group.name, default: []].append(group.index) }
    guard first.sawBackreference else {
      return ParsedPattern(root: root, captureCount: first.captureCount, groupNames: names)
    }
    var second = RegexParser(scalars, knownGroups: (first.captureCount, names))
    return ParsedPattern(root: try second.parsePattern(), captureCount: first.captureCount, groupNames: names)
  }

  // MARK: Structure

  private mutating func parsePattern() throws(ECMARegexSyntaxError) -> RegexNode {
    let root = try parseDisjunction()
    if position < scalars.count {
      // parseDisjunction only stops early at a ')' that closes nothing.
      throw error("unmatched ')'")
    }
    try checkDuplicateNames()
    return root
  }

  private mutating func parseDisjunction() throws(ECMARegexSyntaxError) -> RegexNode {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maxNestingDepth { throw error("groups are nested too deeply") }
    let disjunction = disjunctionCount
    disjunctionCount += 1
    var alternatives: [RegexNode] = []
    while true {
      alternativePath.append(AlternativePosition(disjunction: disjunction, alternative: alternatives.count))
      alternatives.append(try parseAlternative())
      alternativePath.removeLast()
      guard peek == "|" else { break }
      position += 1
    }
    return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
  }

  private mutating func parseAlternative() throws(ECMARegexSyntaxError) -> RegexNode {
    var terms: [RegexNode] = []
    while let next = peek, next != "|", next != ")" {
      switch try parseTerm() {
      case .empty: break
      case .sequence(let nodes): terms.append(contentsOf: nodes)
      case let term: terms.append(term)
      }
    }
    switch terms.count {
    case 0: return .empty
    case 1: return terms[0]
    default: return .sequence(terms)
    }
  }

  private mutating func parseTerm() throws(ECMARegexSyntaxError) -> RegexNode {
    let start = position
    let scalar = scalars[position]
    position += 1
    let atom: RegexNode
    switch scalar {
    case "^": return try assertion(.inputStart)
    case "$": return try assertion(.inputEnd)
    case "\\":
      switch peek {
      case "b":
        position += 1
        return try assertion(.wordBoundary(negated: false))
      case "B":
        position += 1
        return try assertion(.wordBoundary(negated: true))
      default: atom = try parseAtomEscape()
      }
    case "(":
      let (group, isLookaround) = try parseGroup(start: start)
      if isLookaround { return try assertion(group) }
      atom = group
    case ".": atom = .characterClass(.dot)
    case "[": atom = try parseClass(start: start)
    case "*", "+", "?": throw error("nothing to repeat", at: start)
    case "{": throw error("lone '{' (write '\\{' for a literal brace)", at: start)
    case "}": throw error("lone '}' (write '\\}' for a literal brace)", at: start)
    case "]": throw error("lone ']' (write '\\]' for a literal bracket)", at: start)
    default: atom = .scalar(scalar.value)
    }
    return try parseQuantifier(atom)
  }

  /// Assertions (and, in `u` mode, lookarounds) cannot be quantified.
  private func assertion(_ node: RegexNode) throws(ECMARegexSyntaxError) -> RegexNode {
    if let next = peek, "*+?{".unicodeScalars.contains(next) { throw error("nothing to repeat") }
    return node
  }

  private mutating func parseQuantifier(_ atom: RegexNode) throws(ECMARegexSyntaxError) -> RegexNode {
    let start = position
    let min: Int
    let max: Int?
    switch peek {
    case "*": (min, max) = (0, nil)
    case "+": (min, max) = (1, nil)
    case "?": (min, max) = (0, 1)
    case "{":
      position += 1
      guard let low = parseDecimal() else { throw error("incomplete quantifier", at: start) }
      var high: Decimal? = low
      if peek == "," {
        position += 1
        high = parseDecimal()
      }
      guard peek == "}" else { throw error("incomplete quantifier", at: start) }
      if let high, high < low { throw error("numbers out of order in {} quantifier", at: start) }
      (min, max) = (low.value, high?.value)
    default: return atom
    }
    position += 1
    var greedy = true
    if peek == "?" {
      greedy = false
      position += 1
    }
    return .quantified(atom, min: min, max: max, greedy: greedy)
  }

  /// A decimal number in a quantifier, saturated for matching but compared exactly.
  private struct Decimal: Comparable {
    var digits: [UInt8]  // without leading zeros
    var value: Int

    static func < (lhs: Decimal, rhs: Decimal) -> Bool {
      guard lhs.digits.count == rhs.digits.count else { return lhs.digits.count < rhs.digits.count }
      return lhs.digits.lexicographicallyPrecedes(rhs.digits)
    }
  }

  private mutating func parseDecimal() -> Decimal? {
    var digits: [UInt8] = []
    var value = 0
    var any = false
    while let next = peek, let digit = asciiDigit(next) {
      any = true
      position += 1
      if digits.isEmpty && digit == 0 { continue }
      digits.append(digit)
      // Beyond Int32 a count can never be reached anyway; saturate rather than overflow.
      value = value > Int(Int32.max) ? value : value * 10 + Int(digit)
    }
    return any ? Decimal(digits: digits, value: value) : nil
  }

  private func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
    ("0"..."9").contains(scalar) ? UInt8(scalar.value - 0x30) : nil
  }

  // MARK: Groups

  /// After `(`; tells whether the group was a lookaround, which `u` mode forbids quantifying.
  private mutating func parseGroup(start: Int) throws(ECMARegexSyntaxError) -> (RegexNode, isLookaround: Bool) {
    var lookaround: (behind: Bool, negated: Bool)?
    var capture: Int?
    if peek == "?" {
      position += 1
      switch peek {
      case ":": position += 1
      case "=": (position, lookaround) = (position + 1, (false, false))
      case "!": (position, lookaround) = (position + 1, (false, true))
      case "<" where peek(1) == "=": (position, lookaround) = (position + 2, (true, false))
      case "<" where peek(1) == "!": (position, lookaround) = (position + 2, (true, true))
      case "<":
        position += 1
        let nameOffset = position
        let name = try parseGroupName()
        captureCount += 1
        capture = captureCount
        namedGroups.append((name, captureCount, alternativePath, nameOffset))
      default: try rejectModifiers(start: start)
      }
    } else {
      captureCount += 1
      capture = captureCount
    }
    let body = try parseDisjunction()
    guard peek == ")" else { throw error("missing ')' for the group opened here", at: start) }
    position += 1
    if let lookaround { return (.lookaround(behind: lookaround.behind, negated: lookaround.negated, body), true) }
    if let capture { return (.capture(index: capture, body), false) }
    return (body, false)
  }

  /// `(?i:...)`-style modifiers are valid since ES2025 but need case folding, which this engine
  /// does not implement; anything else after `(?` (like `(?i)` or `(?P<n>`) is invalid.
  private mutating func rejectModifiers(start: Int) throws(ECMARegexSyntaxError) {
    // `(?` flags [`-` flags] `:` where the flags are among i, m, s, none is repeated (on either
    // side of the dash), and the two sides are not both empty.
    var seen = Set<Unicode.Scalar>()
    var sawDash = false
    while let next = peek {
      if next == "-" && !sawDash {
        sawDash = true
      } else if !"ims".unicodeScalars.contains(next) || !seen.insert(next).inserted {
        break
      }
      position += 1
    }
    if peek == ":" && !seen.isEmpty {
      throw ECMARegexSyntaxError(
        kind: .unsupported, offset: start, message: "pattern modifiers such as '(?i:...)' are not supported")
    }
    throw error("invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'", at: start)
  }

  /// `name>` after `(?<` or `\k<`: an IdentifierName whose characters may be written as `\u` escapes.
  private mutating func parseGroupName() throws(ECMARegexSyntaxError) -> String {
    let start = position
    var name = String.UnicodeScalarView()
    while true {
      guard let next = peek else { throw error("unterminated group name", at: start) }
      if next == ">" {
        position += 1
        break
      }
      let offset = position
      var codePoint = next.value
      position += 1
      if next == "\\" {
        guard peek == "u" else { throw error("invalid escape in group name", at: offset) }
        position += 1
        codePoint = try parseUnicodeEscape(start: offset)
      }
      guard let scalar = Unicode.Scalar(codePoint),
        name.isEmpty
          ? scalar == "$" || scalar == "_" || scalar.properties.isIDStart
          : scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}" || scalar.properties.isIDContinue
      else { throw error("invalid character in group name", at: offset) }
      name.append(scalar)
    }
    if name.isEmpty { throw error("empty group name", at: start) }
    return String(name)
  }

  private func checkDuplicateNames() throws(ECMARegexSyntaxError) {
    for (index, group) in namedGroups.enumerated() {
      for earlier in namedGroups[..<index] where earlier.name == group.name {
        // Allowed only when some disjunction holds the two groups in different alternatives.
        let shared = zip(earlier.path, group.path).first { $0 != $1 }
        guard let (left, right) = shared, left.disjunction == right.disjunction else {
          throw error("duplicate group name '\(group.name)'", at: group.offset)
        }
      }
    }
  }

  // MARK: Escapes

  /// After a `\` outside a class (`\b` and `\B` are handled as assertions before this).
  private mutating func parseAtomEscape() throws(ECMARegexSyntaxError) -> RegexNode {
    let start = position - 1
    guard let next = peek else { throw error("'\\' at end of pattern", at: start) }
    position += 1
    switch next {
    case "1"..."9":
      position -= 1
      let number = parseDecimal()!
      sawBackreference = true
      guard let known = knownGroups else { return .backreference([]) }
      guard number.digits.count < 10, number.value <= known.count else {
        throw error("backreference to group \(number.value), but there are only \(known.count) groups", at: start)
      }
      return .backreference([number.value])
    case "k":
      guard peek == "<" else { throw error("'\\k' must be followed by '<name>'", at: start) }
      position += 1
      let name = try parseGroupName()
      sawBackreference = true
      guard let known = knownGroups else { return .backreference([]) }
      guard let groups = known.names[name] else { throw error("no group named '\(name)'", at: start) }
      return .backreference(groups)
    case "d", "D", "s", "S", "w", "W", "p", "P":
      return .characterClass(try parseClassEscape(next, start: start).characterClass)
    default:
      return .scalar(try parseCharacterEscape(next, start: start, inClass: false))
    }
  }

  /// A `ClassAtom`: one code point, or a set such as `\d` or `\p{L}` (which cannot bound a range).
  private enum ClassItem {
    case codePoint(UInt32)
    case set(ranges: ScalarRanges, predicates: [(predicate: ScalarPredicate, negated: Bool)])

    var characterClass: CharacterClass {
      switch self {
      case .codePoint(let value): CharacterClass([value...value])
      case .set(let ranges, let predicates):
        if predicates.count == 1 && ranges.isEmpty {
          // A lone `\P{...}` is cheaper as an inverted class than as a negated predicate.
          CharacterClass(
            ranges: .empty, predicates: [(predicates[0].predicate, false)], inverted: predicates[0].negated)
        } else {
          CharacterClass(ranges: ranges, predicates: predicates)
        }
      }
    }
  }

  /// `\d \D \s \S \w \W \p{..} \P{..}`, with `position` just past the letter.
  private mutating func parseClassEscape(_ letter: Unicode.Scalar, start: Int) throws(ECMARegexSyntaxError)
    -> ClassItem
  {
    func item(_ ranges: [ClosedRange<UInt32>], inverted: Bool) -> ClassItem {
      let set = ScalarRanges(normalizing: ranges)
      return .set(ranges: inverted ? set.inverted() : set, predicates: [])
    }
    switch letter {
    case "d": return item(CharacterClass.digitRanges, inverted: false)
    case "D": return item(CharacterClass.digitRanges, inverted: true)
    case "s": return item(CharacterClass.spaceRanges, inverted: false)
    case "S": return item(CharacterClass.spaceRanges, inverted: true)
    case "w": return item(CharacterClass.wordRanges, inverted: false)
    case "W": return item(CharacterClass.wordRanges, inverted: true)
    default: return try parsePropertyEscape(negated: letter == "P", start: start)
    }
  }

  private mutating func parsePropertyEscape(negated: Bool, start: Int) throws(ECMARegexSyntaxError) -> ClassItem {
    guard peek == "{" else { throw error("'\\p' and '\\P' must be followed by '{property}'", at: start) }
    position += 1
    var name: String?
    var value = ""
    while true {
      guard let next = peek else { throw error("unterminated property escape", at: start) }
      position += 1
      if next == "}" { break }
      if next == "=", name == nil {
        name = value
        value = ""
      } else if next.isASCII, next.properties.isAlphabetic || next == "_" || ("0"..."9").contains(next) {
        value.unicodeScalars.append(next)
      } else {
        throw error("invalid character in property escape", at: position - 1)
      }
    }
    if value.isEmpty || name?.isEmpty == true { throw error("empty property name or value", at: start) }
    let resolution: UnicodePropertyResolver.Resolution
    do {
      resolution = try UnicodePropertyResolver.resolve(name: name, value: value)
    } catch {
      throw ECMARegexSyntaxError(kind: error.kind, offset: start, message: error.message)
    }
    switch resolution {
    case .ranges(let ranges): return .set(ranges: negated ? ranges.inverted() : ranges, predicates: [])
    case .predicate(let predicate): return .set(ranges: .empty, predicates: [(predicate, negated)])
    }
  }

  /// A `CharacterEscape` (control, `\c`, `\0`, hex, Unicode and identity escapes), with
  /// `position` just past `letter`.
  private mutating func parseCharacterEscape(_ letter: Unicode.Scalar, start: Int, inClass: Bool)
    throws(ECMARegexSyntaxError) -> UInt32
  {
    switch letter {
    case "t": return 0x09
    case "n": return 0x0A
    case "v": return 0x0B
    case "f": return 0x0C
    case "r": return 0x0D
    case "0":
      if let next = peek, asciiDigit(next) != nil { throw error("octal escapes are not allowed", at: start) }
      return 0
    case "c":
      guard let next = peek, next.isASCII, next.properties.isAlphabetic else {
        throw error("'\\c' must be followed by a letter", at: start)
      }
      position += 1
      return next.value % 32
    case "x":
      guard let value = parseHexDigits(count: 2) else { throw error("'\\x' needs two hex digits", at: start) }
      return value
    case "u":
      return try parseUnicodeEscape(start: start)
    case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
      return letter.value
    case "-" where inClass:
      return letter.value
    default:
      throw error("invalid escape '\\\(letter)'", at: start)
    }
  }

  /// After `\u`: `XXXX`, a `\uXXXX\uXXXX` surrogate pair (combined into one code point) or `{X...}`.
  private mutating func parseUnicodeEscape(start: Int) throws(ECMARegexSyntaxError) -> UInt32 {
    if peek == "{" {
      position += 1
      var value: UInt32 = 0
      var count = 0
      while let next = peek, let digit = next.properties.isASCIIHexDigit ? hexValue(next) : nil {
        position += 1
        count += 1
        value = min(value * 16 + digit, 0x110000)
      }
      guard count > 0, peek == "}" else { throw error("invalid '\\u{...}' escape", at: start) }
      guard value <= 0x10FFFF else { throw error("code point beyond U+10FFFF", at: start) }
      position += 1
      return value
    }
    guard let value = parseHexDigits(count: 4) else { throw error("'\\u' needs four hex digits", at: start) }
    if (0xD800...0xDBFF).contains(value), peek == "\\", peek(1) == "u" {
      let save = position
      position += 2
      if let trail = parseHexDigits(count: 4), (0xDC00...0xDFFF).contains(trail) {
        return 0x10000 + (value - 0xD800) << 10 + (trail - 0xDC00)
      }
      position = save
    }
    return value
  }

  private mutating func parseHexDigits(count: Int) -> UInt32? {
    guard position + count <= scalars.count else { return nil }
    var value: UInt32 = 0
    for scalar in scalars[position..<position + count] {
      guard scalar.properties.isASCIIHexDigit, let digit = hexValue(scalar) else { return nil }
      value = value * 16 + digit
    }
    position += count
    return value
  }

  private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar {
    case "0"..."9": scalar.value - 0x30
    case "a"..."f": scalar.value - 0x61 + 10
    case "A"..."F": scalar.value - 0x41 + 10
    default: nil
    }
  }

  // MARK: Character classes

  private mutating func parseClass(start: Int) throws(ECMARegexSyntaxError) -> RegexNode {
    var inverted = false
    if peek == "^" {
      inverted = true
      position += 1
    }
    var ranges: [ClosedRange<UInt32>] = []
    var predicates: [(predicate: ScalarPredicate, negated: Bool)] = []
    func add(_ item: ClassItem) {
      switch item {
      case .codePoint(let value): ranges.append(value...value)
      case .set(let set, let itemPredicates):
        ranges.append(contentsOf: set.ranges)
        predicates.append(contentsOf: itemPredicates)
      }
    }
    while true {
      guard let next = peek else { throw error("missing ']' for the class opened here", at: start) }
      if next == "]" {
        position += 1
        break
      }
      let atomStart = position
      let first = try parseClassAtom()
      guard peek == "-", let after = peek(1), after != "]" else {
        add(first)
        continue
      }
      position += 1
      let second = try parseClassAtom()
      guard case .codePoint(let low) = first, case .codePoint(let high) = second else {
        throw error("a class escape like '\\d' cannot bound a range", at: atomStart)
      }
      guard low <= high else { throw error("range out of order in character class", at: atomStart) }
      ranges.append(low...high)
    }
    let set = ScalarRanges(normalizing: ranges)
    return .characterClass(CharacterClass(ranges: set, predicates: predicates, inverted: inverted))
  }

  private mutating func parseClassAtom() throws(ECMARegexSyntaxError) -> ClassItem {
    let start = position
    let scalar = scalars[position]
    position += 1
    guard scalar == "\\" else { return .codePoint(scalar.value) }
    guard let next = peek else { throw error("'\\' at end of pattern", at: start) }
    position += 1
    switch next {
    case "b": return .codePoint(0x08)
    case "d", "D", "s", "S", "w", "W", "p", "P": return try parseClassEscape(next, start: start)
    case "1"..."9", "k", "B": throw error("invalid escape '\\\(next)' in a character class", at: start)
    default: return .codePoint(try parseCharacterEscape(next, start: start, inClass: true))
    }
  }

  // MARK: Helpers

  private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  private func peek(_ ahead: Int) -> Unicode.Scalar? {
    position + ahead < scalars.count ? scalars[position + ahead] : nil
  }

  private func error(_ message: String, at offset: Int? = nil) -> ECMARegexSyntaxError {
    ECMARegexSyntaxError(offset: offset ?? position, message: message)
  }
}
