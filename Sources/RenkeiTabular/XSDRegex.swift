/// An XML Schema regular expression, as Table Schema's `pattern` constraint uses it: it matches a
/// value only as a whole (XML Schema patterns are implicitly anchored), character by character
/// over Unicode scalars.
///
/// The pattern is compiled to a deterministic automaton (XML Schema regular expressions have no
/// back-references or look-around, so they are regular): matching is one table lookup per
/// character, with no backtracking, so no value can make a match slow. The automaton is built
/// eagerly and never changes, so one value is shared by all threads. If it would need more than
/// `maxStates` states, matching simulates the non-deterministic automaton instead (still linear).
public final class XSDRegex: Sendable {
  public let pattern: String
  private let nfa: NFA
  private let tables: Tables

  static let maxStates = 4096

  public init(_ pattern: String) throws(XSDRegexSyntaxError) {
    self.pattern = pattern
    let node = try XSDRegexParser.parse(pattern)
    nfa = NFA(node)
    var cuts = Set<UInt32>([0])
    for set in nfa.sets {
      for range in set.ranges {
        cuts.insert(range.lowerBound)
        if range.upperBound < ScalarSet.maxScalar { cuts.insert(range.upperBound + 1) }
      }
    }
    let boundaries = cuts.sorted()
    tables = Tables(
      boundaries: boundaries, dfa: DFA(nfa: nfa, boundaries: boundaries, maxStates: Self.maxStates))
  }

  /// Whether the whole of `value` matches.
  public func matches(_ value: String) -> Bool {
    var text = value
    return text.withUTF8 { matches(utf8: $0) }
  }

  /// Matches with the non-deterministic automaton, as `matches` does when the deterministic one
  /// would be too large (used by tests to check that both agree).
  func simulate(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool { nfa.matches(bytes) }

  /// Whether the whole of the UTF-8 `bytes` matches (ill-formed sequences read as U+FFFD).
  public func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    tables.hasAutomaton ? tables.matches(bytes) : nfa.matches(bytes)
  }

  /// The deterministic automaton in flat memory, read without reference counting on the hot path:
  /// the transition table, the accepting states, and the class of every scalar of the Basic
  /// Multilingual Plane (a lookup instead of a binary search for kana, kanji and other BMP text).
  private final class Tables: @unchecked Sendable {
    let hasAutomaton: Bool
    private let classCount: Int
    private let transitions: UnsafeMutableBufferPointer<Int32>
    private let accepting: UnsafeMutableBufferPointer<Bool>
    private let plane: UnsafeMutableBufferPointer<UInt16>
    /// Sorted lower bounds of the alphabet classes: scalar c is in class i when
    /// `boundaries[i] <= c < boundaries[i + 1]`.
    private let boundaries: [UInt32]

    init(boundaries: [UInt32], dfa: DFA?) {
      self.boundaries = boundaries
      hasAutomaton = dfa != nil
      classCount = boundaries.count
      transitions = .allocate(capacity: max(1, dfa?.transitions.count ?? 1))
      _ = transitions.initialize(from: dfa?.transitions ?? [-1])
      accepting = .allocate(capacity: max(1, dfa?.accepting.count ?? 1))
      _ = accepting.initialize(from: dfa?.accepting ?? [false])
      plane = .allocate(capacity: 0x10000)
      for (index, start) in boundaries.enumerated() where start < 0x10000 {
        let end = index + 1 < boundaries.count ? min(boundaries[index + 1], 0x10000) : 0x10000
        for scalar in Int(start)..<Int(end) { plane[scalar] = UInt16(index) }
      }
    }

    deinit {
      transitions.deallocate()
      accepting.deallocate()
      plane.deallocate()
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      var state = 0
      var i = 0
      let count = bytes.count
      while i < count {
        let scalar = XSDRegex.nextScalar(bytes, &i)
        let symbol = scalar < 0x10000 ? Int(plane[Int(scalar)]) : XSDRegex.classIndex(scalar, in: boundaries)
        let next = transitions[state &* classCount &+ symbol]
        if next < 0 { return false }
        state = Int(next)
      }
      return accepting[state]
    }
  }

  private static func classIndex(_ scalar: UInt32, in boundaries: [UInt32]) -> Int {
    var low = 0
    var high = boundaries.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if boundaries[mid] <= scalar { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Decodes one scalar from `bytes` at `i`, advancing `i`; ill-formed input gives U+FFFD.
  @inline(__always)
  static func nextScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
    let lead = bytes[i]
    if lead < 0x80 {
      i += 1
      return UInt32(lead)
    }
    var length = 0
    var value: UInt32 = 0
    switch lead {
    case 0xC2...0xDF:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0...0xEF:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0...0xF4:
      length = 4
      value = UInt32(lead & 0x07)
    default:
      i += 1
      return 0xFFFD
    }
    guard i + length <= bytes.count else {
      i += 1
      return 0xFFFD
    }
    for k in 1..<length {
      let byte = bytes[i + k]
      guard byte & 0xC0 == 0x80 else {
        i += k
        return 0xFFFD
      }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    i += length
    return value
  }
}

/// Thompson automaton of a parsed pattern.
private struct NFA: Sendable {
  enum State: Sendable {
    case consume(set: Int, next: Int)
    case split(Int, Int)
    case accept
  }

  var states: [State] = []
  var sets: [ScalarSet] = []
  var start = 0

  init(_ node: XSDRegexNode) {
    states.append(.accept)
    start = compile(node, next: 0)
  }

  /// Compiles `node` to continue at `next`; returns its entry state.
  private mutating func compile(_ node: XSDRegexNode, next: Int) -> Int {
    switch node {
    case .empty:
      return next
    case .characters(let set):
      let index =
        sets.firstIndex(of: set)
        ?? {
          sets.append(set)
          return sets.count - 1
        }()
      states.append(.consume(set: index, next: next))
      return states.count - 1
    case .sequence(let parts):
      var entry = next
      for part in parts.reversed() { entry = compile(part, next: entry) }
      return entry
    case .alternatives(let branches):
      var entries = branches.map { compile($0, next: next) }
      while entries.count > 1 {
        let second = entries.removeLast()
        let first = entries.removeLast()
        states.append(.split(first, second))
        entries.append(states.count - 1)
      }
      return entries[0]
    case .repetition(let body, let minimum, let maximum):
      var entry = next
      if let maximum {
        // Optional copies, nested: (body (body ...)?)?
        for _ in 0..<(maximum - minimum) {
          let inner = compile(body, next: entry)
          states.append(.split(inner, next))
          entry = states.count - 1
        }
        _ = entry
      } else {
        // A loop: split(body -> split, next).
        states.append(.split(0, next))
        let loop = states.count - 1
        let inner = compile(body, next: loop)
        states[loop] = .split(inner, next)
        entry = loop
      }
      for _ in 0..<minimum { entry = compile(body, next: entry) }
      return entry
    }
  }

  /// The states reachable from `seeds` without consuming input.
  func closure(_ seeds: [Int]) -> [Int] {
    var seen = Set<Int>()
    var stack = seeds
    var out: [Int] = []
    while let state = stack.popLast() {
      guard seen.insert(state).inserted else { continue }
      switch states[state] {
      case .split(let a, let b):
        stack.append(b)
        stack.append(a)
      case .consume, .accept:
        out.append(state)
      }
    }
    return out.sorted()
  }

  func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var current = closure([start])
    var i = 0
    while i < bytes.count {
      let scalar = XSDRegex.nextScalar(bytes, &i)
      var next: [Int] = []
      for state in current {
        if case .consume(let set, let target) = states[state], sets[set].contains(scalar) { next.append(target) }
      }
      if next.isEmpty { return false }
      current = closure(next)
    }
    return current.contains { if case .accept = states[$0] { return true } else { return false } }
  }
}

/// The deterministic automaton, built by subset construction over the alphabet classes.
private struct DFA: Sendable {
  /// `transitions[state * classCount + class]`: the next state, or -1 for no match.
  let transitions: [Int32]
  let accepting: [Bool]
  let classCount: Int

  init?(nfa: NFA, boundaries: [UInt32], maxStates: Int) {
    let classCount = boundaries.count
    // Which classes each character set contains.
    let membership: [[Bool]] = nfa.sets.map { set in boundaries.map { set.contains($0) } }
    var index: [[Int]: Int32] = [:]
    var subsets: [[Int]] = []
    var table: [Int32] = []
    var accepting: [Bool] = []
    func add(_ subset: [Int]) -> Int32 {
      if let known = index[subset] { return known }
      let id = Int32(subsets.count)
      index[subset] = id
      subsets.append(subset)
      accepting.append(subset.contains { if case .accept = nfa.states[$0] { return true } else { return false } })
      table.append(contentsOf: repeatElement(-1, count: classCount))
      return id
    }
    _ = add(nfa.closure([nfa.start]))
    var done = 0
    while done < subsets.count {
      if subsets.count > maxStates { return nil }
      let subset = subsets[done]
      for symbol in 0..<classCount {
        var targets: [Int] = []
        for state in subset {
          if case .consume(let set, let next) = nfa.states[state], membership[set][symbol] { targets.append(next) }
        }
        if targets.isEmpty { continue }
        let target = add(nfa.closure(targets))
        table[done * classCount + symbol] = target
      }
      done += 1
    }
    transitions = table
    self.accepting = accepting
    self.classCount = classCount
  }
}
