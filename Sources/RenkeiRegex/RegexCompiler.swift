/// Translates the syntax tree into instructions for `RegexMatcher`, following the matcher
/// semantics of ECMA-262 §22.2.2 (in particular RepeatMatcher's capture reset and empty check,
/// and backward matching for lookbehinds).
struct RegexCompiler {
  private var code: [Instruction] = []
  private var classes: [CharacterClass] = []
  private var literalBytes: [UInt8] = []
  private var backreferences: [[Int]] = []
  private var lookarounds: [Lookaround] = []
  private var counterCount = 0

  static func compile(_ parsed: ParsedPattern) -> RegexProgram {
    var compiler = RegexCompiler()
    compiler.emit(parsed.root, backward: false)
    compiler.append(.match)
    return RegexProgram(
      code: compiler.code, classes: compiler.classes, literalBytes: compiler.literalBytes,
      backreferences: compiler.backreferences, lookarounds: compiler.lookarounds,
      slotCount: 2 * (parsed.captureCount + 1), counterCount: compiler.counterCount)
  }

  private var here: Int { code.count }

  private mutating func append(_ instruction: Instruction) {
    code.append(instruction)
  }

  private mutating func emit(_ node: RegexNode, backward: Bool) {
    switch node {
    case .empty:
      break
    case .scalar(let codePoint):
      emitLiteral([codePoint], backward: backward)
    case .characterClass(let set):
      if let single = set.singleMember {
        emitLiteral([single], backward: backward)
      } else {
        append(.characterClass(classIndex(set), backward: backward))
      }
    case .sequence(let nodes):
      // Backward matching walks the sequence from its end.
      var pending: [UInt32] = []
      for node in backward ? nodes.reversed() : nodes {
        if case .scalar(let codePoint) = node {
          pending.append(codePoint)
          continue
        }
        if !pending.isEmpty {
          emitLiteral(backward ? pending.reversed() : pending, backward: backward)
          pending.removeAll()
        }
        emit(node, backward: backward)
      }
      if !pending.isEmpty { emitLiteral(backward ? pending.reversed() : pending, backward: backward) }
    case .alternation(let original):
      let alternatives = mergingSingleCodePointRuns(original)
      if alternatives.count == 1 {
        emit(alternatives[0], backward: backward)
        return
      }
      var exits: [Int] = []
      for alternative in alternatives.dropLast() {
        let split = here
        append(.jump(-1))  // patched below
        emit(alternative, backward: backward)
        exits.append(here)
        append(.jump(-1))
        code[split] = .split(preferred: split + 1, alternative: here)
      }
      emit(alternatives[alternatives.count - 1], backward: backward)
      for exit in exits { code[exit] = .jump(here) }
    case .capture(let index, let body):
      // The left edge is always slot 2n, whichever direction the group is matched in.
      append(.save(backward ? 2 * index + 1 : 2 * index))
      emit(body, backward: backward)
      append(.save(backward ? 2 * index : 2 * index + 1))
    case .lookaround(let behind, let negated, let body):
      let id = lookarounds.count
      let slots = body.captureGroups.map { 2 * $0.lowerBound..<2 * $0.upperBound + 2 } ?? 0..<0
      lookarounds.append(Lookaround(negated: negated, slots: slots, continuation: -1))
      append(.lookStart(id))
      emit(body, backward: behind)
      append(.lookEnd(id))
      lookarounds[id].continuation = here
    case .quantified(let body, let min, let max, let greedy):
      emitQuantified(body, min: min, max: max ?? Int.max, greedy: greedy, backward: backward)
    case .inputStart:
      append(.assertStart)
    case .inputEnd:
      append(.assertEnd)
    case .wordBoundary(let negated):
      append(.wordBoundary(negated: negated))
    case .backreference(let groups):
      backreferences.append(groups)
      append(.backreference(backreferences.count - 1, backward: backward))
    }
  }

  private mutating func emitQuantified(_ body: RegexNode, min: Int, max: Int, greedy: Bool, backward: Bool) {
    // RepeatMatcher with max 0 is just the continuation; {1} has no optional iteration to check.
    if max == 0 { return }
    if min == 1 && max == 1 {
      emit(body, backward: backward)
      return
    }
    if let set = singleCodePointClass(body) {
      append(.repeatClass(classIndex(set), min: min, max: max, greedy: greedy, backward: backward))
      return
    }
    let clear = body.captureGroups.map { 2 * $0.lowerBound..<2 * $0.upperBound + 2 }
    let canMatchEmpty = body.canMatchEmpty
    if !canMatchEmpty && min <= 1 && (max == Int.max || (min == 0 && max == 1)) {
      // `*`, `+` and `?` over a body that always consumes: no counter, no empty check.
      if min == 0 {
        let entry = here
        append(.jump(-1))  // patched below
        emitIteration(body, clear: clear, backward: backward)
        if max == Int.max { append(.jump(entry)) }
        code[entry] = split(greedy, body: entry + 1, exit: here)
      } else {
        let start = here
        emitIteration(body, clear: clear, backward: backward)
        append(split(greedy, body: start, exit: here + 1))
      }
      return
    }
    let counter = counterCount
    counterCount += 1
    append(.loopInit(counter: counter))
    let head = here
    append(.jump(-1))  // patched below
    if canMatchEmpty { append(.loopBodyStart(counter: counter)) }
    emitIteration(body, clear: clear, backward: backward)
    append(.loopTail(counter: counter, min: min, head: head, checkEmpty: canMatchEmpty))
    code[head] = .loopHead(counter: counter, min: min, max: max, greedy: greedy, exit: here)
  }

  private mutating func emitIteration(_ body: RegexNode, clear: Range<Int>?, backward: Bool) {
    if let clear { append(.clearSlots(clear)) }
    emit(body, backward: backward)
  }

  private func split(_ greedy: Bool, body: Int, exit: Int) -> Instruction {
    greedy ? .split(preferred: body, alternative: exit) : .split(preferred: exit, alternative: body)
  }

  /// Merges neighbouring alternatives that each consume one code point into one class
  /// (`a|b|(x)|c|\d` becomes `[ab]|(x)|[c\d]`); only neighbours, since order decides which
  /// alternative wins.
  private func mergingSingleCodePointRuns(_ alternatives: [RegexNode]) -> [RegexNode] {
    var result: [RegexNode] = []
    var run: [CharacterClass] = []
    func endRun() {
      if run.count > 1, let union = CharacterClass.union(run) {
        result.append(.characterClass(union))
      } else {
        result += run.map { .characterClass($0) }
      }
      run = []
    }
    for alternative in alternatives {
      if let set = singleCodePointClass(alternative) {
        run.append(set)
      } else {
        endRun()
        result.append(alternative)
      }
    }
    endRun()
    return result
  }

  /// The class a node reduces to when it always consumes exactly one code point and captures
  /// nothing: a literal, a class, or an alternation of those. Merging such an alternation is
  /// exact: every alternative that matches leaves the same state, so trying the others after a
  /// failure could only fail again (and `(?:a|\w)*` would otherwise backtrack exponentially).
  private func singleCodePointClass(_ node: RegexNode) -> CharacterClass? {
    switch node {
    case .scalar(let codePoint):
      return CharacterClass([codePoint...codePoint])
    case .characterClass(let set):
      return set
    case .alternation(let alternatives):
      var members: [CharacterClass] = []
      for alternative in alternatives {
        guard let member = singleCodePointClass(alternative) else { return nil }
        members.append(member)
      }
      return CharacterClass.union(members)
    default:
      return nil
    }
  }

  private mutating func emitLiteral(_ codePoints: [UInt32], backward: Bool) {
    guard codePoints.allSatisfy({ Unicode.Scalar($0) != nil }) else {
      // A lone surrogate (`\uD800`) can never match a Swift string: an empty class says so.
      append(.characterClass(classIndex(CharacterClass(ranges: .empty)), backward: backward))
      return
    }
    let offset = literalBytes.count
    for codePoint in codePoints { UTF8Scan.encode(codePoint, into: &literalBytes) }
    append(.literal(offset: offset, count: literalBytes.count - offset, backward: backward))
  }

  private mutating func classIndex(_ set: CharacterClass) -> Int {
    classes.append(set)
    return classes.count - 1
  }
}
