/// One step of the backtracking machine. Positions are UTF-8 offsets into the input; the
/// `backward` variants are used inside lookbehinds, which ECMA-262 matches right to left.
enum Instruction: Sendable {
  /// Consumes a run of literal code points: `count` UTF-8 bytes at `offset` in
  /// `RegexProgram.literalBytes`.
  case literal(offset: Int, count: Int, backward: Bool)
  /// Consumes one code point of class `index` (see `RegexProgram.classTables`).
  case characterClass(Int, backward: Bool)
  /// Consumes `min...max` code points of a class in one step (a quantified single code point);
  /// backtracking gives them back one at a time without a frame per code point.
  case repeatClass(Int, min: Int, max: Int, greedy: Bool, backward: Bool)
  /// Continues at `preferred`; if that fails, resumes at `alternative` from the same position.
  case split(preferred: Int, alternative: Int)
  case jump(Int)
  /// Records the position in a capture slot (group `n` has slots `2n` and `2n + 1`).
  case save(Int)
  /// Makes the capture slots in the range undefined (ECMA-262 does so at each quantifier iteration).
  case clearSlots(Range<Int>)
  case assertStart
  case assertEnd
  case wordBoundary(negated: Bool)
  /// Matches what the first participating group of `RegexProgram.backreferences[index]` captured.
  case backreference(Int, backward: Bool)
  /// Quantifier loops that need an iteration counter (bounded counts, or bodies that can match
  /// empty and so need ECMA-262's empty-iteration check).
  case loopInit(counter: Int)
  case loopHead(counter: Int, min: Int, max: Int, greedy: Bool, exit: Int)
  case loopBodyStart(counter: Int)
  case loopTail(counter: Int, min: Int, head: Int, checkEmpty: Bool)
  /// Lookarounds are atomic: once the body matched, its alternatives are dropped.
  case lookStart(Int)
  case lookEnd(Int)
  case match
}

struct Lookaround: Sendable {
  var negated: Bool
  /// The capture slots the body can set, saved on entry so they can be restored afterwards.
  var slots: Range<Int>
  /// Where matching continues after the lookaround.
  var continuation: Int
}

/// A compiled pattern. Immutable after `init`, so one program serves any number of threads
/// (hence `@unchecked Sendable`). The tables the machine reads on every step are kept in buffers
/// the program owns rather than in arrays, so a search reads them without reference counting.
final class RegexProgram: @unchecked Sendable {
  let code: UnsafeBufferPointer<Instruction>
  /// The classes as the matcher reads them: plain values, with the non-ASCII ranges of all
  /// classes in one buffer; `classes` is consulted only for property escapes.
  let classTables: UnsafeBufferPointer<ClassTable>
  let classRanges: UnsafeBufferPointer<ClosedRange<UInt32>>
  let classes: [CharacterClass]
  let literalBytes: UnsafeBufferPointer<UInt8>
  let backreferences: [[Int]]
  let lookarounds: [Lookaround]
  /// Two per capture group, group 0 (the whole match) included.
  let slotCount: Int
  let counterCount: Int

  init(
    code: [Instruction], classes: [CharacterClass], literalBytes: [UInt8], backreferences: [[Int]],
    lookarounds: [Lookaround], slotCount: Int, counterCount: Int
  ) {
    self.code = Self.copy(code)
    var tables: [ClassTable] = []
    var ranges: [ClosedRange<UInt32>] = []
    for set in classes {
      tables.append(
        ClassTable(
          ascii: set.asciiSet, rangeStart: ranges.count, rangeEnd: ranges.count + set.nonASCII.ranges.count,
          inverted: set.inverted, hasPredicates: set.hasPredicates))
      ranges += set.nonASCII.ranges
    }
    self.classTables = Self.copy(tables)
    self.classRanges = Self.copy(ranges)
    self.classes = classes
    self.literalBytes = Self.copy(literalBytes)
    self.backreferences = backreferences
    self.lookarounds = lookarounds
    self.slotCount = slotCount
    self.counterCount = counterCount
  }

  deinit {
    Self.free(code)
    Self.free(classTables)
    Self.free(classRanges)
    Self.free(literalBytes)
  }

  struct ClassTable {
    var ascii: ASCIISet
    /// The class's ranges above U+007F are `classRanges[rangeStart..<rangeEnd]`.
    var rangeStart: Int
    var rangeEnd: Int
    var inverted: Bool
    var hasPredicates: Bool
  }

  /// Whether a code point above U+007F is in the ranges of the class described by `table`
  /// (before its inversion; property escapes are checked separately).
  @inline(__always)
  static func rangesContain(
    _ table: ClassTable, _ classRanges: UnsafeBufferPointer<ClosedRange<UInt32>>, _ codePoint: UInt32
  ) -> Bool {
    var low = table.rangeStart
    var high = table.rangeEnd
    while low < high {
      let middle = (low + high) / 2
      if classRanges[middle].lowerBound <= codePoint { low = middle + 1 } else { high = middle }
    }
    return low > table.rangeStart && codePoint <= classRanges[low - 1].upperBound
  }

  private static func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
    _ = buffer.initialize(from: array)
    return UnsafeBufferPointer(buffer)
  }

  private static func free<Element>(_ buffer: UnsafeBufferPointer<Element>) {
    let mutable = UnsafeMutableBufferPointer(mutating: buffer)
    mutable.deinitialize()
    mutable.deallocate()
  }
}
