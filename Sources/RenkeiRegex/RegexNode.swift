/// The syntax tree of a parsed pattern. Capture groups are numbered from 1 in the order of their
/// opening parentheses, as ECMA-262 numbers them.
indirect enum RegexNode: Sendable {
  /// Matches the empty string (an empty alternative or `(?:)`).
  case empty
  /// One code point (possibly a lone surrogate, which never matches a Swift string).
  case scalar(UInt32)
  /// `.`, `[...]`, `\d`, `\p{...}` and friends.
  case characterClass(CharacterClass)
  case sequence([RegexNode])
  case alternation([RegexNode])
  case capture(index: Int, RegexNode)
  case lookaround(behind: Bool, negated: Bool, RegexNode)
  /// `max == nil` means unbounded.
  case quantified(RegexNode, min: Int, max: Int?, greedy: Bool)
  /// `^` (there is no multiline flag in JSON Schema, so only the start of the input).
  case inputStart
  /// `$` (only the end of the input; not before a final line break).
  case inputEnd
  case wordBoundary(negated: Bool)
  /// `\1` or `\k<name>`; several group numbers when a name is shared by groups in different
  /// alternatives, of which at most one can have participated.
  case backreference([Int])
}

extension RegexNode {
  /// The capture groups inside this node, as a range of group numbers.
  var captureGroups: ClosedRange<Int>? {
    switch self {
    case .empty, .scalar, .characterClass, .inputStart, .inputEnd, .wordBoundary, .backreference: nil
    case .capture(let index, let body): body.captureGroups.map { index...$0.upperBound } ?? index...index
    case .lookaround(_, _, let body), .quantified(let body, _, _, _): body.captureGroups
    case .sequence(let nodes), .alternation(let nodes):
      nodes.reduce(nil) { result, node in
        guard let groups = node.captureGroups else { return result }
        guard let result else { return groups }
        return min(result.lowerBound, groups.lowerBound)...max(result.upperBound, groups.upperBound)
      }
    }
  }

  /// Whether the node can succeed without consuming input (conservatively: `true` if unsure).
  var canMatchEmpty: Bool {
    switch self {
    case .scalar, .characterClass: false
    case .empty, .inputStart, .inputEnd, .wordBoundary, .backreference, .lookaround: true
    case .capture(_, let body): body.canMatchEmpty
    case .quantified(let body, let min, _, _): min == 0 || body.canMatchEmpty
    case .sequence(let nodes): nodes.allSatisfy(\.canMatchEmpty)
    case .alternation(let nodes): nodes.contains(where: \.canMatchEmpty)
    }
  }

  /// The fewest code points a match can consume (saturating; used to skip hopeless searches).
  var minimumLength: Int {
    switch self {
    case .scalar, .characterClass: return 1
    case .empty, .inputStart, .inputEnd, .wordBoundary, .backreference, .lookaround: return 0
    case .capture(_, let body): return body.minimumLength
    case .quantified(let body, let min, _, _):
      let product = body.minimumLength.multipliedReportingOverflow(by: min)
      return product.overflow ? Int.max : product.partialValue
    case .sequence(let nodes):
      return nodes.reduce(0) { total, node in
        let sum = total.addingReportingOverflow(node.minimumLength)
        return sum.overflow ? Int.max : sum.partialValue
      }
    case .alternation(let nodes): return nodes.map(\.minimumLength).min() ?? 0
    }
  }

  /// Whether every match must start at the beginning of the input.
  var isAnchoredAtStart: Bool {
    switch self {
    case .inputStart: true
    case .capture(_, let body): body.isAnchoredAtStart
    case .quantified(let body, let min, _, _): min > 0 && body.isAnchoredAtStart
    case .sequence(let nodes):
      // Zero-width assertions before the `^` do not move the start.
      nodes.first { node in
        switch node {
        case .lookaround, .wordBoundary, .empty: false
        default: true
        }
      }?.isAnchoredAtStart ?? false
    case .alternation(let nodes): !nodes.isEmpty && nodes.allSatisfy(\.isAnchoredAtStart)
    default: false
    }
  }

  /// Adds the UTF-8 lead bytes a match of this node can begin with to `table`, and returns
  /// whether the node can also match without consuming anything (so what follows may begin it).
  func collectFirstBytes(_ table: inout [Bool]) -> Bool {
    switch self {
    case .scalar(let codePoint):
      if Unicode.Scalar(codePoint) != nil { table[Int(UTF8Scan.leadByte(of: codePoint))] = true }
      return false
    case .characterClass(let set):
      set.markLeadBytes(&table)
      return false
    case .empty, .inputStart, .inputEnd, .wordBoundary, .lookaround:
      return true
    case .backreference:
      // Could start with anything the group captured.
      for byte in 0..<256 where !(0x80...0xC1).contains(byte) && byte < 0xF5 { table[byte] = true }
      return true
    case .capture(_, let body):
      return body.collectFirstBytes(&table)
    case .quantified(let body, let min, _, _):
      return body.collectFirstBytes(&table) || min == 0
    case .sequence(let nodes):
      for node in nodes where !node.collectFirstBytes(&table) { return false }
      return true
    case .alternation(let nodes):
      var empty = false
      for node in nodes where node.collectFirstBytes(&table) { empty = true }
      return empty
    }
  }
}
