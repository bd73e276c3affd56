/// A test on one scalar that is answered by the Unicode tables of the Swift runtime at match time
/// (General_Category values and binary properties), so no large sets are built when compiling.
struct ScalarPredicate: Sendable {
  let matches: @Sendable (Unicode.Scalar) -> Bool
}

/// Membership of the 128 ASCII code points, as two words of bits.
struct ASCIISet: Sendable {
  var low: UInt64 = 0
  var high: UInt64 = 0

  @inline(__always)
  func contains(_ byte: UInt8) -> Bool {
    byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte &- 64)) != 0
  }

  mutating func insert(_ byte: UInt8) {
    if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
  }

  mutating func formUnion(_ other: ASCIISet) {
    low |= other.low
    high |= other.high
  }
}

/// The matcher for one code point: `.`, a `[...]` class, `\d`-style escapes and `\p{...}`.
///
/// ASCII membership is precomputed into a 128-bit bitmap (the common case in validated data);
/// other code points go through explicit ranges and then the property predicates. The matcher
/// reads the same data from `RegexProgram.ClassTable`, laid out for its hot path.
struct CharacterClass: Sendable {
  let asciiSet: ASCIISet
  /// Members above U+007F, before inversion.
  let nonASCII: ScalarRanges
  /// Property escapes inside the class, each with its own `\P` negation, before inversion.
  private let predicates: [(predicate: ScalarPredicate, negated: Bool)]
  let inverted: Bool

  init(ranges: ScalarRanges, predicates: [(predicate: ScalarPredicate, negated: Bool)] = [], inverted: Bool = false) {
    self.nonASCII = ranges.removingASCII()
    self.predicates = predicates
    self.inverted = inverted
    var asciiSet = ASCIISet()
    for codePoint in UInt32(0)..<0x80 {
      let scalar = Unicode.Scalar(UInt8(codePoint))
      var member = ranges.contains(codePoint)
      if !member {
        member = predicates.contains { $0.predicate.matches(scalar) != $0.negated }
      }
      if member != inverted { asciiSet.insert(UInt8(codePoint)) }
    }
    self.asciiSet = asciiSet
  }

  init(_ ranges: [ClosedRange<UInt32>], inverted: Bool = false) {
    self.init(ranges: ScalarRanges(normalizing: ranges), inverted: inverted)
  }

  private init(
    asciiSet: ASCIISet, nonASCII: ScalarRanges, predicates: [(predicate: ScalarPredicate, negated: Bool)]
  ) {
    self.asciiSet = asciiSet
    self.nonASCII = nonASCII
    self.predicates = predicates
    self.inverted = false
  }

  /// The union of `classes` as one class, so that an alternation such as `a|[bc]|\d` matches in one
  /// step instead of backtracking between overlapping alternatives. `nil` when a member is an
  /// inverted class mixing ranges and properties, whose complement is not a union.
  static func union(_ classes: [CharacterClass]) -> CharacterClass? {
    var asciiSet = ASCIISet()
    var ranges: [ClosedRange<UInt32>] = []
    var predicates: [(predicate: ScalarPredicate, negated: Bool)] = []
    for member in classes {
      asciiSet.formUnion(member.asciiSet)
      if !member.inverted {
        ranges += member.nonASCII.ranges
        predicates += member.predicates
      } else if member.predicates.isEmpty {
        ranges += member.nonASCII.inverted().removingASCII().ranges
      } else if member.predicates.count == 1 && member.nonASCII.isEmpty {
        predicates.append((member.predicates[0].predicate, !member.predicates[0].negated))
      } else {
        return nil
      }
    }
    return CharacterClass(asciiSet: asciiSet, nonASCII: ScalarRanges(normalizing: ranges), predicates: predicates)
  }

  var hasPredicates: Bool { !predicates.isEmpty }

  /// Whether a property escape of the class (before inversion) holds for the code point.
  func matchesPredicates(_ codePoint: UInt32) -> Bool {
    guard !predicates.isEmpty, let scalar = Unicode.Scalar(codePoint) else { return false }
    return predicates.contains { $0.predicate.matches(scalar) != $0.negated }
  }

  /// Marks the UTF-8 lead bytes a member can start with (over-approximating above ASCII).
  func markLeadBytes(_ table: inout [Bool]) {
    for byte in UInt8(0)..<0x80 where asciiSet.contains(byte) { table[Int(byte)] = true }
    if inverted || !predicates.isEmpty {
      for byte in 0xC2...0xF4 { table[byte] = true }
    } else {
      for range in nonASCII.ranges {
        for byte in UTF8Scan.leadByte(of: range.lowerBound)...UTF8Scan.leadByte(of: range.upperBound)
        where byte >= 0xC2 {
          table[Int(byte)] = true
        }
      }
    }
  }

  /// The single code point this class matches, if it is that simple (lets `[a]` act as a literal).
  var singleMember: UInt32? {
    guard !inverted, predicates.isEmpty else { return nil }
    var asciiMembers = [UInt32]()
    for byte in UInt8(0)..<0x80 where asciiSet.contains(byte) { asciiMembers.append(UInt32(byte)) }
    let members = asciiMembers.count + nonASCII.ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
    guard members == 1 else { return nil }
    return asciiMembers.first ?? nonASCII.ranges.first?.lowerBound
  }
}

extension CharacterClass {
  /// `\d`: ASCII digits only, as ECMA-262 defines it even in `u` mode.
  static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]
  /// `\w`: `[A-Za-z0-9_]` (no Unicode letters, since there is no `i` flag to widen it).
  static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
  /// `\s`: ECMA-262 WhiteSpace and LineTerminator (the Zs category plus TAB, VT, FF, LF, CR,
  /// U+FEFF, U+2028, U+2029), spelled out so it does not drift with the runtime's Unicode data.
  static let spaceRanges: [ClosedRange<UInt32>] = [
    0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
    0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
  ]
  /// `.`: everything but the line terminators LF, CR, U+2028 and U+2029.
  static let dot = CharacterClass([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], inverted: true)
}
