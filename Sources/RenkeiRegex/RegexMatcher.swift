#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The backtracking machine that runs a `RegexProgram` over UTF-8 input.
///
/// It never recurses: choice points and the undo records for captures and loop counters live on
/// an explicit stack, so the native stack depth does not depend on the pattern or the input. Every
/// instruction and every backtrack costs one step; past `maxSteps` the search stops with
/// `.budgetExceeded`, which bounds catastrophic backtracking such as `(a+)+$`.
struct RegexMatcher: ~Copyable {
  enum Outcome {
    case match(end: Int)
    case noMatch
    case budgetExceeded
  }

  private enum Frame {
    /// A choice point: continue at `pc` from `position`.
    case resume(pc: Int, position: Int)
    /// Undo record for a capture slot.
    case slot(Int, value: Int)
    /// Undo record for a loop counter and its iteration start.
    case counter(Int, count: Int, start: Int)
    /// A greedy `repeatClass` that can still give back code points down to `floor`.
    case greedyRepeat(next: Int, floor: Int, position: Int, backward: Bool)
    /// A lazy `repeatClass` (at `instruction`) that can still take more code points.
    case lazyRepeat(instruction: Int, count: Int, position: Int)
    /// A lookaround whose body is being matched; the slots on entry are saved at `snapshot`.
    case lookaround(Int, position: Int, snapshot: Int)
    /// After a successful positive lookaround: restores the slots it set when backtracked over.
    case restoreSlots(Int, snapshot: Int)
  }

  /// Not retained: the caller keeps the program alive for the whole search, and skipping the
  /// reference counting is measurable when a validator runs millions of short searches.
  private unowned(unsafe) let program: RegexProgram
  private let bytes: UnsafeBufferPointer<UInt8>
  /// Capture slots, then loop counters, then loop iteration starts, in one allocation (none at all
  /// for patterns without groups and counted loops, since slots 0 and 1 are kept by the search).
  private let registers: UnsafeMutableBufferPointer<Int>
  private let counterBase: Int
  private let loopStartBase: Int
  private var stack = FrameStack()
  /// Capture slots saved on entry to lookarounds.
  private var snapshots: [Int] = []
  private(set) var steps = 0
  private let maxSteps: Int

  init(program: RegexProgram, bytes: UnsafeBufferPointer<UInt8>, maxSteps: Int) {
    self.program = program
    self.bytes = bytes
    self.maxSteps = maxSteps
    let slotCount = program.slotCount > 2 ? program.slotCount : 0
    counterBase = slotCount
    loopStartBase = slotCount + program.counterCount
    let registerCount = loopStartBase + program.counterCount
    registers =
      registerCount > 0 ? .allocate(capacity: registerCount) : UnsafeMutableBufferPointer(start: nil, count: 0)
    registers.initialize(repeating: -1)
  }

  deinit {
    if registers.baseAddress != nil { registers.deallocate() }
  }

  /// The capture slots after a match (empty when the pattern has no groups).
  var slots: [Int] { Array(registers[..<counterBase]) }

  /// Tries to match at `start`. After a failed attempt every slot and counter is back to its
  /// initial value (all changes were undone while backtracking), so attempts can be chained.
  mutating func run(at start: Int) -> Outcome {
    execute(
      code: program.code, classes: program.classTables, ranges: program.classRanges, literals: program.literalBytes,
      start: start)
  }

  // The switch is long because it is the whole machine; splitting it would cost a call per step.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  private mutating func execute(
    code: UnsafeBufferPointer<Instruction>, classes: UnsafeBufferPointer<RegexProgram.ClassTable>,
    ranges: UnsafeBufferPointer<ClosedRange<UInt32>>, literals: UnsafeBufferPointer<UInt8>, start: Int
  ) -> Outcome {
    let end = bytes.count
    let maxSteps = maxSteps
    var steps = steps
    defer { self.steps = steps }
    var pc = 0
    var position = start
    dispatch: while true {
      steps &+= 1
      if steps > maxSteps { return .budgetExceeded }
      var matched = true
      switch code[pc] {
      case .literal(let offset, let count, let backward):
        let from = backward ? position - count : position
        if from >= 0 && from + count <= end && Self.equal(bytes, at: from, literals, at: offset, count: count) {
          position = backward ? from : from + count
          pc += 1
        } else {
          matched = false
        }

      case .characterClass(let index, let backward):
        let next = step(classes[index], index, ranges, from: position, backward: backward, end: end)
        if next >= 0 {
          position = next
          pc += 1
        } else {
          matched = false
        }

      case .repeatClass(let index, let min, let max, let greedy, let backward):
        let table = classes[index]
        var count = 0
        var current = position
        let limit = greedy ? max : min
        var floor = position
        while count < limit {
          let next = step(table, index, ranges, from: current, backward: backward, end: end)
          if next < 0 { break }
          current = next
          count += 1
          if count == min { floor = current }
        }
        steps &+= count
        if count < min {
          matched = false
        } else {
          if greedy && count > min {
            stack.append(.greedyRepeat(next: pc + 1, floor: floor, position: current, backward: backward))
          } else if !greedy && min < max {
            stack.append(.lazyRepeat(instruction: pc, count: count, position: current))
          }
          position = current
          pc += 1
        }

      case .split(let preferred, let alternative):
        stack.append(.resume(pc: alternative, position: position))
        pc = preferred

      case .jump(let target):
        pc = target

      case .save(let slot):
        stack.append(.slot(slot, value: registers[slot]))
        registers[slot] = position
        pc += 1

      case .clearSlots(let range):
        // Each undo record counts as a step, so the budget also bounds the stack's memory.
        for slot in range where registers[slot] >= 0 {
          stack.append(.slot(slot, value: registers[slot]))
          registers[slot] = -1
          steps &+= 1
        }
        pc += 1

      case .assertStart:
        matched = position == 0
        pc += 1

      case .assertEnd:
        matched = position == end
        pc += 1

      case .wordBoundary(let negated):
        let before = position > 0 && Self.isWordByte(bytes[position - 1])
        let after = position < end && Self.isWordByte(bytes[position])
        matched = (before != after) != negated
        pc += 1

      case .backreference(let index, let backward):
        if let next = matchBackreference(program.backreferences[index], at: position, backward: backward) {
          position = next
          pc += 1
        } else {
          matched = false
        }

      case .loopInit(let counter):
        saveCounter(counter)
        registers[counterBase + counter] = 0
        pc += 1

      case .loopHead(let counter, let min, let max, let greedy, let exit):
        let count = registers[counterBase + counter]
        if count < min {
          pc += 1
        } else if count >= max {
          pc = exit
        } else if greedy {
          stack.append(.resume(pc: exit, position: position))
          pc += 1
        } else {
          stack.append(.resume(pc: pc + 1, position: position))
          pc = exit
        }

      case .loopBodyStart(let counter):
        saveCounter(counter)
        registers[loopStartBase + counter] = position
        pc += 1

      case .loopTail(let counter, let min, let head, let checkEmpty):
        // An optional iteration that consumed nothing fails (ECMA-262 RepeatMatcher, step 2.b).
        if checkEmpty && registers[counterBase + counter] >= min && position == registers[loopStartBase + counter] {
          matched = false
        } else {
          saveCounter(counter)
          registers[counterBase + counter] += 1
          pc = head
        }

      case .lookStart(let id):
        let slotsToSave = program.lookarounds[id].slots
        let snapshot = snapshots.count
        snapshots.append(contentsOf: registers[slotsToSave])
        stack.append(.lookaround(id, position: position, snapshot: snapshot))
        pc += 1

      case .lookEnd(let id):
        let look = program.lookarounds[id]
        // The body matched: drop its choice points (lookarounds are atomic) down to our frame.
        var saved = (position: 0, snapshot: 0)
        while let frame = stack.popLast() {
          if case .lookaround(_, let entry, let snapshot) = frame {
            saved = (entry, snapshot)
            break
          }
        }
        if look.negated {
          restore(look.slots, from: saved.snapshot)
          snapshots.removeSubrange(saved.snapshot...)
          matched = false
        } else {
          snapshots.removeSubrange((saved.snapshot + look.slots.count)...)
          stack.append(.restoreSlots(id, snapshot: saved.snapshot))
          position = saved.position
          pc = look.continuation
        }

      case .match:
        return .match(end: position)
      }
      if matched { continue }

      // Backtrack to the most recent choice point, undoing changes on the way.
      while let frame = stack.popLast() {
        steps &+= 1
        switch frame {
        case .resume(let target, let resumePosition):
          pc = target
          position = resumePosition
          continue dispatch

        case .slot(let slot, let value):
          registers[slot] = value

        case .counter(let counter, let count, let loopStart):
          registers[counterBase + counter] = count
          registers[loopStartBase + counter] = loopStart

        case .greedyRepeat(let next, let floor, let current, let backward):
          let previous =
            backward ? UTF8Scan.next(bytes, after: current) : UTF8Scan.previous(bytes, before: current)
          if previous != floor {
            stack.append(.greedyRepeat(next: next, floor: floor, position: previous, backward: backward))
          }
          pc = next
          position = previous
          continue dispatch

        case .lazyRepeat(let instruction, let count, let current):
          guard case .repeatClass(let index, _, let max, _, let backward) = code[instruction] else { continue }
          let next = step(classes[index], index, ranges, from: current, backward: backward, end: end)
          guard next >= 0 else { continue }
          if count + 1 < max {
            stack.append(.lazyRepeat(instruction: instruction, count: count + 1, position: next))
          }
          pc = instruction + 1
          position = next
          continue dispatch

        case .lookaround(let id, let entry, let snapshot):
          // The body failed: a negative lookaround succeeds, a positive one fails.
          snapshots.removeSubrange(snapshot...)
          let look = program.lookarounds[id]
          if look.negated {
            pc = look.continuation
            position = entry
            continue dispatch
          }

        case .restoreSlots(let id, let snapshot):
          restore(program.lookarounds[id].slots, from: snapshot)
          snapshots.removeSubrange(snapshot...)
        }
        if steps > maxSteps { return .budgetExceeded }
      }
      return .noMatch
    }
  }

  /// Compares `count` bytes; a loop beats a `memcmp` call for the short literals patterns have.
  @inline(__always)
  private static func equal(
    _ left: UnsafeBufferPointer<UInt8>, at leftStart: Int, _ right: UnsafeBufferPointer<UInt8>, at rightStart: Int,
    count: Int
  ) -> Bool {
    if count > 16 { return memcmp(left.baseAddress! + leftStart, right.baseAddress! + rightStart, count) == 0 }
    for offset in 0..<count where left[leftStart + offset] != right[rightStart + offset] { return false }
    return true
  }

  private mutating func saveCounter(_ counter: Int) {
    stack.append(
      .counter(counter, count: registers[counterBase + counter], start: registers[loopStartBase + counter]))
  }

  private mutating func restore(_ range: Range<Int>, from snapshot: Int) {
    for (offset, slot) in range.enumerated() { registers[slot] = snapshots[snapshot + offset] }
  }

  /// Consumes one code point of class `index`, described by `table`; returns the new position or -1.
  @inline(__always)
  private func step(
    _ table: RegexProgram.ClassTable, _ index: Int, _ ranges: UnsafeBufferPointer<ClosedRange<UInt32>>,
    from position: Int, backward: Bool, end: Int
  ) -> Int {
    let codePoint: UInt32
    let next: Int
    if backward {
      guard position > 0 else { return -1 }
      let byte = bytes[position - 1]
      if byte < 0x80 { return table.ascii.contains(byte) ? position - 1 : -1 }
      (codePoint, next) = UTF8Scan.decode(bytes, before: position)
    } else {
      guard position < end else { return -1 }
      let byte = bytes[position]
      if byte < 0x80 { return table.ascii.contains(byte) ? position + 1 : -1 }
      (codePoint, next) = UTF8Scan.decode(bytes, at: position)
    }
    var member = RegexProgram.rangesContain(table, ranges, codePoint)
    if !member && table.hasPredicates { member = program.classes[index].matchesPredicates(codePoint) }
    return member != table.inverted ? next : -1
  }

  /// A backreference to a group that did not participate matches the empty string.
  private func matchBackreference(_ groups: [Int], at position: Int, backward: Bool) -> Int? {
    guard let group = groups.first(where: { registers[2 * $0] >= 0 && registers[2 * $0 + 1] >= 0 }) else {
      return position
    }
    let captured = registers[2 * group]..<registers[2 * group + 1]
    let start = backward ? position - captured.count : position
    guard start >= 0, start + captured.count <= bytes.count else { return nil }
    for offset in 0..<captured.count where bytes[start + offset] != bytes[captured.lowerBound + offset] {
      return nil
    }
    return backward ? start : start + captured.count
  }

  /// A growable stack in memory the matcher owns, without the uniqueness checks an array
  /// makes on every push and pop (the stack is touched on almost every step).
  private struct FrameStack: ~Copyable {
    private var base: UnsafeMutablePointer<Frame>?
    private var count = 0
    private var capacity = 0

    deinit { base?.deallocate() }

    @inline(__always)
    mutating func append(_ frame: Frame) {
      if count == capacity { grow() }
      (base! + count).initialize(to: frame)
      count += 1
    }

    @inline(__always)
    mutating func popLast() -> Frame? {
      guard count > 0 else { return nil }
      count -= 1
      return (base! + count).move()
    }

    private mutating func grow() {
      let newCapacity = max(16, capacity * 2)
      let newBase = UnsafeMutablePointer<Frame>.allocate(capacity: newCapacity)
      if let base {
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
      }
      base = newBase
      capacity = newCapacity
    }
  }

  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
      UInt8(ascii: "a")...UInt8(ascii: "z"):
      true
    default: false
    }
  }
}
