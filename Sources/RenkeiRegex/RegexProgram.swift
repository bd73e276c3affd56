/// One step of the backtracking machine. Positions are UTF-8 offsets into the input; the
/// `backward` variants are used inside lookbehinds, which ECMA-262 matches right to left.
enum Instruction: Sendable {
  /// Consumes a run of literal code points, given as UTF-8 bytes in `RegexProgram.literals`.
  case literal(Int, backward: Bool)
  /// Consumes one code point that is in `RegexProgram.classes[index]`.
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
  var behind: Bool
  var negated: Bool
  /// The capture slots the body can set, saved on entry so they can be restored afterwards.
  var slots: Range<Int>
  /// Where matching continues after the lookaround.
  var continuation: Int
}

/// A compiled pattern: immutable, so one program serves any number of threads.
struct RegexProgram: Sendable {
  var code: [Instruction] = []
  var classes: [CharacterClass] = []
  var literals: [[UInt8]] = []
  var backreferences: [[Int]] = []
  var lookarounds: [Lookaround] = []
  /// Two per capture group, group 0 (the whole match) included.
  var slotCount = 2
  var counterCount = 0
}
