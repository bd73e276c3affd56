#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a compiled pattern looks for a match anywhere in the input (JSON Schema patterns are not
/// anchored): plain literals skip the machine entirely, and otherwise start positions that cannot
/// begin a match are skipped by their first UTF-8 byte before the machine is run.
struct RegexSearch: Sendable {
  enum Strategy: Sendable {
    /// The pattern is literal text, possibly with `^` before and/or `$` after it.
    case literal([UInt8], atStart: Bool, atEnd: Bool)
    case program
  }

  let strategy: Strategy
  let program: RegexProgram
  /// Every match begins at offset 0 (the pattern starts with `^` in every alternative).
  private let anchored: Bool
  /// The bytes a match can start with; `nil` when a match can be empty (then every position is
  /// a candidate).
  private let firstBytes: ByteSet?
  /// Literal bytes every match starts with (found with `memchr` before running the machine).
  private let prefix: [UInt8]
  /// Literal bytes every match contains somewhere; an input without them cannot match, which
  /// rejects many non-matching inputs without running the machine at all.
  private let requiredLiteral: [UInt8]
  /// The fewest code points a match consumes; a code point takes at least one byte, so fewer
  /// remaining bytes than this means no match can start here.
  private let minimumLength: Int

  init(_ parsed: ParsedPattern) {
    program = RegexCompiler.compile(parsed)
    let root = parsed.root
    strategy = Self.literalStrategy(root) ?? .program
    anchored = root.isAnchoredAtStart
    var table = [Bool](repeating: false, count: 256)
    firstBytes = root.collectFirstBytes(&table) ? nil : ByteSet(table)
    prefix = Self.literalPrefix(root)
    minimumLength = root.minimumLength
    requiredLiteral = Self.requiredLiteral(root)
  }

  enum Outcome {
    /// `slots` holds the capture slots (group 0 included) when they were asked for.
    case match(start: Int, end: Int, slots: [Int])
    case noMatch
    case budgetExceeded
  }

  /// Finds the leftmost match in valid UTF-8 `bytes`.
  func search(_ bytes: UnsafeBufferPointer<UInt8>, maxSteps: Int, wantSlots: Bool) -> Outcome {
    if case .literal(let literal, let atStart, let atEnd) = strategy {
      guard let start = Self.find(literal, in: bytes, atStart: atStart, atEnd: atEnd) else { return .noMatch }
      return .match(start: start, end: start + literal.count, slots: wantSlots ? [start, start + literal.count] : [])
    }
    if !requiredLiteral.isEmpty && Self.firstIndex(of: requiredLiteral, in: bytes, from: 0) == nil {
      return .noMatch
    }
    var matcher = RegexMatcher(program: program, bytes: bytes, maxSteps: maxSteps)
    let end = bytes.count
    var position = 0
    while end - position >= minimumLength {
      if !anchored {
        if !prefix.isEmpty {
          guard let hit = Self.firstIndex(of: prefix, in: bytes, from: position) else { return .noMatch }
          position = hit
        } else if let firstBytes {
          while position < end && !firstBytes.contains(bytes[position]) { position += 1 }
          if position == end { return .noMatch }
        }
      }
      switch matcher.run(at: position) {
      case .match(let matchEnd):
        guard wantSlots else { return .match(start: position, end: matchEnd, slots: []) }
        var slots = matcher.slots.isEmpty ? [0, 0] : matcher.slots
        (slots[0], slots[1]) = (position, matchEnd)
        return .match(start: position, end: matchEnd, slots: slots)
      case .budgetExceeded: return .budgetExceeded
      case .noMatch: break
      }
      if anchored || position == end { break }
      position = UTF8Scan.next(bytes, after: position)
    }
    return .noMatch
  }

  /// 256 bits, so the scan loop touches no reference-counted storage.
  struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ table: [Bool]) {
      for (byte, member) in table.enumerated() where member {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
      }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
      let word =
        switch byte >> 6 {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        default: words.3
        }
      return word & (1 << UInt64(byte & 63)) != 0
    }
  }

  // MARK: Literal patterns

  private static func literalStrategy(_ root: RegexNode) -> Strategy? {
    var nodes: [RegexNode]
    switch root {
    case .sequence(let items): nodes = items
    case .empty: nodes = []
    default: nodes = [root]
    }
    var atStart = false
    var atEnd = false
    if case .inputStart = nodes.first {
      atStart = true
      nodes.removeFirst()
    }
    if case .inputEnd = nodes.last {
      atEnd = true
      nodes.removeLast()
    }
    var bytes: [UInt8] = []
    for node in nodes {
      guard case .scalar(let codePoint) = node, Unicode.Scalar(codePoint) != nil else { return nil }
      UTF8Scan.encode(codePoint, into: &bytes)
    }
    return .literal(bytes, atStart: atStart, atEnd: atEnd)
  }

  /// Where the literal occurs first (under the anchors), or `nil`.
  private static func find(_ literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, atStart: Bool, atEnd: Bool)
    -> Int?
  {
    let count = bytes.count
    guard literal.count <= count else { return nil }
    if atStart && atEnd { return literal.count == count && hasPrefix(literal, in: bytes, at: 0) ? 0 : nil }
    if atStart { return hasPrefix(literal, in: bytes, at: 0) ? 0 : nil }
    if atEnd { return hasPrefix(literal, in: bytes, at: count - literal.count) ? count - literal.count : nil }
    return firstIndex(of: literal, in: bytes, from: 0)
  }

  /// The first occurrence of `literal` at or after `start`.
  private static func firstIndex(of literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let first = literal.first, let base = bytes.baseAddress else { return literal.isEmpty ? start : nil }
    var position = start
    let last = bytes.count - literal.count
    while position <= last {
      // memchr scans for the first byte far faster than a byte loop.
      guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
      position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if hasPrefix(literal, in: bytes, at: position) { return position }
      position += 1
    }
    return nil
  }

  @inline(__always)
  private static func hasPrefix(_ literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    guard position + literal.count <= bytes.count else { return false }
    for (offset, byte) in literal.enumerated() where bytes[position + offset] != byte { return false }
    return true
  }

  /// The literal text at the start of every match, looking through leading captures and `^`.
  private static func literalPrefix(_ root: RegexNode) -> [UInt8] {
    var bytes: [UInt8] = []
    func collect(_ node: RegexNode) -> Bool {
      switch node {
      case .scalar(let codePoint):
        guard Unicode.Scalar(codePoint) != nil else { return false }
        UTF8Scan.encode(codePoint, into: &bytes)
        return true
      case .inputStart, .empty: return true
      case .capture(_, let body): return collect(body)
      case .sequence(let nodes):
        for node in nodes where !collect(node) { return false }
        return true
      default: return false
      }
    }
    _ = collect(root)
    return bytes
  }

  /// The longest run of literal code points that every match must consume (looking into groups
  /// and quantifiers that iterate at least once, but not into alternations or lookarounds).
  private static func requiredLiteral(_ root: RegexNode) -> [UInt8] {
    var best: [UInt8] = []
    var run: [UInt8] = []
    func endRun() {
      if run.count > best.count { best = run }
      run = []
    }
    func walk(_ node: RegexNode) {
      switch node {
      case .scalar(let codePoint):
        if Unicode.Scalar(codePoint) == nil { return endRun() }
        UTF8Scan.encode(codePoint, into: &run)
      case .sequence(let nodes):
        for node in nodes { walk(node) }
      case .capture(_, let body):
        walk(body)
      case .quantified(let body, let min, _, _) where min >= 1:
        endRun()
        walk(body)
        endRun()
      case .empty, .inputStart, .inputEnd, .wordBoundary:
        // Zero-width and consuming nothing: the literal run can continue across them.
        break
      default:
        endRun()
      }
    }
    walk(root)
    endRun()
    return best
  }
}
