/// Strict RFC 8259 parser from bytes to a `JSONDocument` tape. One pass, no recursion, no
/// intermediate values: strings and numbers are validated in place and recorded as byte ranges.
public struct JSONParser: Sendable {
  public struct Options: Sendable {
    /// Containers nested deeper than this are an error (consumers may recurse over values).
    public var maxDepth: Int
    /// The line number of the first byte (JSON Lines: the line in the file).
    public var firstLine: Int
    /// Whether repeated member names come back as issues. Callers that discard the issues (the
    /// converter parsing its own output again) skip the comparison of every object's names.
    public var reportsDuplicateKeys: Bool

    public init(maxDepth: Int = 512, firstLine: Int = 1, reportsDuplicateKeys: Bool = true) {
      self.maxDepth = maxDepth
      self.firstLine = firstLine
      self.reportsDuplicateKeys = reportsDuplicateKeys
    }
  }

  public var options: Options

  public init(options: Options = Options()) { self.options = options }

  /// Parses one JSON text. Throws the first syntax error; non-fatal problems (duplicate
  /// member names, unpaired surrogates, a byte order mark) come back in the result.
  public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONParseResult {
    guard bytes.count < Int(UInt32.max) else {
      throw JSONParser.error(
        JSONRules.tooLarge, ["limit": String(UInt32.max)], at: 0, in: bytes, firstLine: options.firstLine)
    }
    let outcome: Result<(tape: [TapeEntry], issues: [JSONParseResult.Issue]), JSONSyntaxError> =
      bytes.withUnsafeBufferPointer { buffer in
        var scanner = Scanner(buffer, maxDepth: options.maxDepth)
        scanner.checksDuplicateKeys = options.reportsDuplicateKeys
        defer { scanner.deallocate() }
        do throws(Scanner.Failure) {
          try scanner.run()
          return .success((scanner.finishedTape(), scanner.issues))
        } catch {
          return .failure(
            JSONParser.error(
              error.rule, error.arguments, at: error.offset, in: bytes, firstLine: options.firstLine))
        }
      }
    switch outcome {
    case .success(let parsed):
      let document = JSONDocument(
        storage: bytes, tape: parsed.tape, positions: nil, firstLine: options.firstLine,
        rawStringsAreJSON: true)
      return JSONParseResult(document: document, issues: parsed.issues)
    case .failure(let error):
      throw error
    }
  }

  /// Parses UTF-8 text (convenience for tests and small inputs).
  public func parse(_ text: String) throws(JSONSyntaxError) -> JSONParseResult {
    try parse(Array(text.utf8))
  }

  static func error(
    _ rule: Rule, _ arguments: [String: String], at offset: Int, in bytes: [UInt8], firstLine: Int
  ) -> JSONSyntaxError {
    bytes.withUnsafeBufferPointer { error(rule, arguments, at: offset, in: $0, firstLine: firstLine) }
  }

  static func error(
    _ rule: Rule, _ arguments: [String: String], at offset: Int, in bytes: UnsafeBufferPointer<UInt8>,
    firstLine: Int
  ) -> JSONSyntaxError {
    var line = firstLine
    var lineStart = 0
    let stop = min(offset, bytes.count)
    for i in 0..<stop where bytes[i] == UInt8(ascii: "\n") {
      line += 1
      lineStart = i + 1
    }
    let column = 1 + JSONDocument.scalarCount(bytes, from: lineStart, to: stop)
    return JSONSyntaxError(
      rule: rule, arguments: arguments, offset: offset,
      position: SourcePosition(line: line, column: column))
  }
}

/// A parsed document and the non-fatal problems found while parsing it.
public struct JSONParseResult: Sendable {
  public enum Issue: Sendable, Hashable {
    /// A member name repeated in one object: tape indices of the first and the repeated key.
    case duplicateKey(first: Int, repeated: Int)
    /// A `\uD800`-style escape without its pair, at this byte offset.
    case loneSurrogate(offset: Int)
    /// A UTF-8 byte order mark before the value.
    case byteOrderMark
  }

  public let document: JSONDocument
  public let issues: [Issue]

  /// The issues as findings.
  public func findings(file: String?, documentNumber: Int? = nil) -> [Finding] {
    issues.map { issue in
      switch issue {
      case .duplicateKey(let first, let repeated):
        let firstPosition = document.position(ofEntry: first)
        let value = JSONValue(document: document, index: repeated + 1)
        return JSONRules.duplicateKey.finding(
          at: value.location(file: file, documentNumber: documentNumber).moved(
            to: document.position(ofEntry: repeated)),
          [
            "key": document.decodedString(ofEntry: repeated),
            "firstLine": String(firstPosition.line), "firstColumn": String(firstPosition.column),
          ])
      case .loneSurrogate(let offset):
        let position = document.position(ofByte: offset)
        let escape = document.storage[offset..<min(offset + 6, document.storage.count)]
        return JSONRules.loneSurrogate.finding(
          at: SourceLocation(
            file: file, line: position.line, column: position.column, document: documentNumber),
          ["found": String(decoding: escape, as: UTF8.self)])
      case .byteOrderMark:
        return JSONRules.byteOrderMark.finding(
          at: SourceLocation(
            file: file, line: document.firstLine, column: 1, document: documentNumber))
      }
    }
  }
}

extension SourceLocation {
  func moved(to position: SourcePosition) -> SourceLocation {
    var copy = self
    copy.line = position.line
    copy.column = position.column
    return copy
  }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

/// The parsing loop over raw bytes.
struct Scanner {
  struct Failure: Error {
    let rule: Rule
    let arguments: [String: String]
    let offset: Int
  }

  struct Frame {
    var index: Int
    var isObject: Bool
    var count: UInt32
  }

  let base: UnsafePointer<UInt8>
  let count: Int
  let maxDepth: Int
  var i = 0
  var tape: EntryBuffer<TapeEntry>
  var issues: [JSONParseResult.Issue] = []
  var stack: EntryBuffer<Frame>
  /// Reused between objects by the duplicate-name check.
  var keyScratch: EntryBuffer<Int>
  var checksDuplicateKeys = true

  init(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.init(
      buffer, maxDepth: maxDepth, tape: EntryBuffer(capacity: buffer.count / 6 + 4),
      stack: EntryBuffer(capacity: 16), keyScratch: EntryBuffer(capacity: 16))
  }

  /// A scanner over buffers that outlive it (`JSONChecker` reuses them across documents).
  init(
    _ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, tape: EntryBuffer<TapeEntry>,
    stack: EntryBuffer<Frame>, keyScratch: EntryBuffer<Int>
  ) {
    // An empty buffer may have a nil base address; point at a dummy byte and never read it.
    self.base = buffer.baseAddress ?? UnsafePointer(Scanner.emptyByte)
    self.count = buffer.count
    self.maxDepth = maxDepth
    self.tape = tape
    self.stack = stack
    self.keyScratch = keyScratch
    self.tape.count = 0
    self.stack.count = 0
  }

  func deallocate() {
    tape.deallocate()
    stack.deallocate()
    keyScratch.deallocate()
  }

  func finishedTape() -> [TapeEntry] { Array(UnsafeBufferPointer(start: tape.base, count: tape.count)) }

  nonisolated(unsafe) static let emptyByte: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.pointee = 0
    return p
  }()

  // MARK: Errors

  func fail(_ rule: Rule, _ arguments: [String: String] = [:], at offset: Int? = nil) -> Failure {
    Failure(rule: rule, arguments: arguments, offset: offset ?? i)
  }

  /// A readable name for the byte at `offset` (or the end of input).
  func describe(at offset: Int) -> String {
    guard offset < count else { return "end of input" }
    let c = base[offset]
    switch c {
    case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(c)))'"
    case 0..<0x20: return "control character U+\(hex(UInt32(c), 4))"
    default:
      // Show the whole character when it is valid UTF-8.
      let length = Scanner.sequenceLength(c)
      if length > 1, offset + length <= count,
        let s = String(validating: UnsafeBufferPointer(start: base + offset, count: length), as: UTF8.self)
      {
        return "'\(s)'"
      }
      return "byte 0x\(hex(UInt32(c), 2))"
    }
  }

  static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xC2...0xDF: return 2
    case 0xE0...0xEF: return 3
    case 0xF0...0xF4: return 4
    default: return 1
    }
  }

  /// The error for an unexpected byte where a value was expected.
  func unexpectedValue(expected: String) -> Failure {
    guard i < count else { return fail(JSONRules.unexpectedEnd, ["expected": expected]) }
    let c = base[i]
    switch c {
    case UInt8(ascii: "/"): return fail(JSONRules.comment)
    case UInt8(ascii: "'"): return fail(JSONRules.singleQuote)
    case UInt8(ascii: "N"), UInt8(ascii: "I"):
      return fail(JSONRules.nonFiniteNumber, ["found": word(at: i)])
    case UInt8(ascii: "+"), UInt8(ascii: "."):
      return fail(JSONRules.invalidNumber, ["detail": "a number cannot start with \(describe(at: i))"])
    case 0x80...0xFF where !isValidUTF8(at: i):
      return fail(JSONRules.invalidUTF8, ["found": "byte 0x\(hex(UInt32(c), 2))"])
    default:
      return fail(JSONRules.unexpectedCharacter, ["found": describe(at: i), "expected": expected])
    }
  }

  /// The run of letters at `offset` (to name NaN, Infinity, True ...).
  func word(at offset: Int) -> String {
    var j = offset
    while j < count, j - offset < 20,
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(base[j] | 0x20)
    {
      j += 1
    }
    return String(decoding: UnsafeBufferPointer(start: base + offset, count: max(1, j - offset)), as: UTF8.self)
  }

  // MARK: Main loop

  mutating func run() throws(Failure) {
    if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
      issues.append(.byteOrderMark)
      i = 3
    } else if count >= 2, (base[0] == 0xFE && base[1] == 0xFF) || (base[0] == 0xFF && base[1] == 0xFE) {
      throw fail(
        JSONRules.notUTF8, ["encoding": "UTF-16 (byte order mark \(base[0] == 0xFE ? "FE FF" : "FF FE"))"], at: 0)
    } else if count >= 2, base[0] == 0 || base[1] == 0 {
      throw fail(JSONRules.notUTF8, ["encoding": "UTF-16 or UTF-32 (NUL bytes)"], at: 0)
    }
    skipWhitespace()
    if i >= count { throw fail(JSONRules.empty, at: 0) }

    valueLoop: while true {
      // A value starts at i (whitespace already skipped).
      guard i < count else { throw unexpectedValue(expected: "a value") }
      let c = base[i]
      switch c {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = c == UInt8(ascii: "{")
        if stack.count >= maxDepth {
          throw fail(JSONRules.tooDeep, ["limit": String(maxDepth)])
        }
        stack.append(Frame(index: tape.count, isObject: isObject, count: 0))
        tape.append(TapeEntry(tag: isObject ? .object : .array, offset: UInt32(i)))
        i += 1
        skipWhitespace()
        let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if i < count, base[i] == closer {
          i += 1
          closeContainer()
        } else if isObject {
          try parseKey()
          continue valueLoop
        } else {
          continue valueLoop
        }
      case quote:
        try parseString()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        try parseNumber()
      case UInt8(ascii: "t"):
        try parseLiteral("true", .true)
      case UInt8(ascii: "f"):
        try parseLiteral("false", .false)
      case UInt8(ascii: "n"):
        try parseLiteral("null", .null)
      default:
        throw unexpectedValue(expected: "a value")
      }

      // After a complete value: close containers or move to the next element.
      while true {
        guard !stack.isEmpty else {
          skipWhitespace()
          if i < count {
            if base[i] == UInt8(ascii: "/") { throw fail(JSONRules.comment) }
            throw fail(JSONRules.trailingContent, ["found": describe(at: i)])
          }
          return
        }
        stack[stack.count - 1].count += 1
        skipWhitespace()
        let isObject = stack[stack.count - 1].isObject
        let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        guard i < count else {
          throw fail(JSONRules.unexpectedEnd, ["expected": "',' or '\(Character(Unicode.Scalar(closer)))'"])
        }
        let next = base[i]
        if next == UInt8(ascii: ",") {
          let comma = i
          i += 1
          skipWhitespace()
          if i < count, base[i] == UInt8(ascii: "}") || base[i] == UInt8(ascii: "]") {
            throw fail(
              JSONRules.trailingComma, ["closer": String(Character(Unicode.Scalar(base[i])))],
              at: comma)
          }
          if isObject { try parseKey() }
          continue valueLoop
        } else if next == closer {
          i += 1
          closeContainer()
        } else if next == UInt8(ascii: "/") {
          throw fail(JSONRules.comment)
        } else if Scanner.startsValue(next) {
          throw fail(JSONRules.missingComma, ["found": describe(at: i)])
        } else {
          throw fail(
            JSONRules.unexpectedCharacter,
            ["found": describe(at: i), "expected": "',' or '\(Character(Unicode.Scalar(closer)))'"])
        }
      }
    }
  }

  /// Records the end of the innermost container and checks an object's member names.
  mutating func closeContainer() {
    let frame = stack.removeLast()
    tape[frame.index].extent = UInt32(tape.count)
    tape[frame.index].count = frame.count
    if checksDuplicateKeys && frame.isObject && frame.count > 1 { checkDuplicateKeys(object: frame.index) }
  }

  /// Parses `"name"` `:` and leaves `i` at the member's value.
  mutating func parseKey() throws(Failure) {
    guard i < count else { throw fail(JSONRules.unexpectedEnd, ["expected": "a member name"]) }
    guard base[i] == quote else {
      if base[i] == UInt8(ascii: "'") { throw fail(JSONRules.singleQuote) }
      if base[i] == UInt8(ascii: "/") { throw fail(JSONRules.comment) }
      throw fail(JSONRules.unquotedKey, ["found": describe(at: i)])
    }
    try parseString()
    skipWhitespace()
    guard i < count else { throw fail(JSONRules.unexpectedEnd, ["expected": "':'"]) }
    guard base[i] == UInt8(ascii: ":") else {
      throw fail(JSONRules.missingColon, ["found": describe(at: i)])
    }
    i += 1
    skipWhitespace()
  }

  /// Bytes that can begin a value (or a member name): what follows a forgotten comma.
  static func startsValue(_ c: UInt8) -> Bool {
    switch c {
    case quote, UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
      UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      return true
    default:
      return false
    }
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while i < count {
      let c = base[i]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      i += 1
    }
  }

  mutating func parseLiteral(_ literal: StaticString, _ tag: TapeEntry.Tag) throws(Failure) {
    let length = literal.utf8CodeUnitCount
    let expected = literal.utf8Start
    var k = 0
    while k < length {
      guard i + k < count, base[i + k] == expected[k] else {
        if i + k >= count { throw fail(JSONRules.unexpectedEnd, ["expected": "'\(literal)'"], at: i + k) }
        throw fail(
          JSONRules.unexpectedCharacter, ["found": "'\(word(at: i))'", "expected": "'\(literal)'"])
      }
      k += 1
    }
    tape.append(TapeEntry(tag: tag, offset: UInt32(i)))
    i += length
  }

  // MARK: Numbers

  @inline(__always) func isDigit(_ offset: Int) -> Bool {
    offset < count && base[offset] &- UInt8(ascii: "0") < 10
  }

  mutating func parseNumber() throws(Failure) {
    let start = i
    var flags: TapeEntry.Flags = []
    if base[i] == UInt8(ascii: "-") {
      i += 1
      guard isDigit(i) else {
        if i < count, base[i] == UInt8(ascii: "I") {
          throw fail(JSONRules.nonFiniteNumber, ["found": "-" + word(at: i)], at: start)
        }
        throw fail(JSONRules.invalidNumber, ["detail": "a digit must follow '-'"])
      }
    }
    if base[i] == UInt8(ascii: "0") {
      i += 1
      if isDigit(i) {
        var j = i
        while isDigit(j) { j += 1 }
        throw fail(
          JSONRules.leadingZero,
          ["found": String(decoding: UnsafeBufferPointer(start: base + start, count: j - start), as: UTF8.self)],
          at: start)
      }
    } else {
      while isDigit(i) { i += 1 }
    }
    if i < count, base[i] == UInt8(ascii: ".") {
      i += 1
      guard isDigit(i) else {
        throw fail(JSONRules.invalidNumber, ["detail": "a digit must follow the decimal point"])
      }
      while isDigit(i) { i += 1 }
      flags.insert(.fraction)
    }
    if i < count, base[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
      guard isDigit(i) else {
        throw fail(JSONRules.invalidNumber, ["detail": "the exponent needs digits"])
      }
      while isDigit(i) { i += 1 }
      flags.insert(.exponent)
    }
    tape.append(
      TapeEntry(tag: .number, offset: UInt32(start), extent: UInt32(i - start), flags: flags))
  }

  // MARK: Strings

  /// Scans a string whose opening quote is at `i`, validating escapes and UTF-8.
  mutating func parseString() throws(Failure) {
    let open = i
    let start = i + 1
    var flags: TapeEntry.Flags = []
    // Locals, so the hot loops keep position and bounds in registers.
    let b = base
    let n = count
    var j = start
    while true {
      // Eight bytes at a time while none is a quote, a backslash, a control or a non-ASCII byte.
      while j &+ 8 <= n {
        let w = UnsafeRawPointer(b + j).loadUnaligned(as: UInt64.self)
        let mask = Scanner.attentionMask(w)
        if mask != 0 {
          // The lowest flagged byte is exact (false positives only sit above a true one).
          j &+= mask.trailingZeroBitCount &>> 3
          break
        }
        j &+= 8
      }
      guard j < n else { throw fail(JSONRules.unterminatedString, at: open) }
      let c = b[j]
      if c == quote {
        tape.append(
          TapeEntry(
            tag: .string, offset: UInt32(truncatingIfNeeded: start), extent: UInt32(truncatingIfNeeded: j &- start),
            flags: flags))
        i = j &+ 1
        return
      } else if c == backslash {
        flags.insert(.escaped)
        i = j
        try scanEscape(&flags)
        j = i
      } else if c < 0x20 {
        i = j
        if c == 0x0A || c == 0x0D {
          // A raw line break most often means the closing quote is missing.
          if !restOfLineHasQuote(from: j) { throw fail(JSONRules.unterminatedString, at: open) }
        }
        throw fail(JSONRules.controlCharacter, ["found": describe(at: j)])
      } else if c >= 0x80 {
        // Stay in the byte loop through a run of multi-byte characters (Japanese text).
        repeat {
          let lead = b[j]
          if lead >= 0xE1 && lead <= 0xEC && j &+ 3 <= n {
            // Common three-byte characters (kana, kanji): two continuation bytes.
            guard b[j &+ 1] & 0xC0 == 0x80, b[j &+ 2] & 0xC0 == 0x80 else {
              i = j
              throw fail(JSONRules.invalidUTF8, ["found": "byte 0x\(hex(UInt32(lead), 2))"])
            }
            j &+= 3
          } else {
            guard let length = utf8SequenceLength(at: j) else {
              i = j
              throw fail(JSONRules.invalidUTF8, ["found": "byte 0x\(hex(UInt32(lead), 2))"])
            }
            j &+= length
          }
        } while j < n && b[j] >= 0x80
      } else {
        j &+= 1
      }
    }
  }

  func restOfLineHasQuote(from offset: Int) -> Bool {
    var j = offset + 1
    while j < count, base[j] != 0x0A {
      if base[j] == quote { return true }
      j += 1
    }
    return false
  }

  /// The high bit of each byte of `w` that is a quote, a backslash, a control character or
  /// not ASCII (little-endian: byte 0 is bits 0-7).
  @inline(__always)
  static func attentionMask(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let q = w ^ (ones &* 0x22)
    let b = w ^ (ones &* 0x5C)
    let hasQuote = (q &- ones) & ~q
    let hasBackslash = (b &- ones) & ~b
    let hasControl = w &- (ones &* 0x20)  // borrows into the high bit of bytes < 0x20
    return ((hasQuote | hasBackslash | hasControl) & ~w | w) & high
  }

  mutating func scanEscape(_ flags: inout TapeEntry.Flags) throws(Failure) {
    let start = i
    guard i + 1 < count else { throw fail(JSONRules.unterminatedString) }
    let e = base[i + 1]
    switch e {
    case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      i += 2
    case UInt8(ascii: "u"):
      guard let unit = hex4(at: i + 2) else {
        throw fail(JSONRules.invalidEscape, ["found": escapeText(at: start, length: 6)])
      }
      i += 6
      if (0xD800...0xDBFF).contains(unit) {
        if i + 1 < count, base[i] == backslash, base[i + 1] == UInt8(ascii: "u"),
          let low = hex4(at: i + 2), (0xDC00...0xDFFF).contains(low)
        {
          i += 6
        } else {
          flags.insert(.loneSurrogate)
          issues.append(.loneSurrogate(offset: start))
        }
      } else if (0xDC00...0xDFFF).contains(unit) {
        flags.insert(.loneSurrogate)
        issues.append(.loneSurrogate(offset: start))
      }
    default:
      throw fail(JSONRules.invalidEscape, ["found": escapeText(at: start, length: 2)])
    }
  }

  func escapeText(at offset: Int, length: Int) -> String {
    var j = offset
    var text = ""
    while j < count, j < offset + length, base[j] >= 0x20, base[j] < 0x7F {
      text.append(Character(Unicode.Scalar(base[j])))
      j += 1
    }
    return "'\(text)'"
  }

  func hex4(at offset: Int) -> UInt32? {
    guard offset + 4 <= count else { return nil }
    var value: UInt32 = 0
    for k in 0..<4 {
      let v = JSONEscapes.hexValue(base[offset + k])
      if v == 0xFF { return nil }
      value = value << 4 | UInt32(v)
    }
    return value
  }

  func isValidUTF8(at offset: Int) -> Bool { utf8SequenceLength(at: offset) != nil }

  /// The length of the well-formed UTF-8 sequence at `offset` (RFC 3629 table), or nil.
  @inline(__always)
  func utf8SequenceLength(at offset: Int) -> Int? {
    let c = base[offset]
    @inline(__always) func continuation(_ k: Int) -> Bool {
      offset + k < count && base[offset + k] & 0xC0 == 0x80
    }
    switch c {
    case 0xC2...0xDF:
      return continuation(1) ? 2 : nil
    case 0xE0...0xEF:
      guard continuation(1), continuation(2) else { return nil }
      let b1 = base[offset + 1]
      if c == 0xE0 && b1 < 0xA0 { return nil }  // overlong
      if c == 0xED && b1 > 0x9F { return nil }  // UTF-16 surrogate
      return 3
    case 0xF0...0xF4:
      guard continuation(1), continuation(2), continuation(3) else { return nil }
      let b1 = base[offset + 1]
      if c == 0xF0 && b1 < 0x90 { return nil }  // overlong
      if c == 0xF4 && b1 > 0x8F { return nil }  // beyond U+10FFFF
      return 4
    default:
      return nil
    }
  }

  // MARK: Duplicate member names

  mutating func checkDuplicateKeys(object: Int) {
    // Key tape indices of the object.
    keyScratch.count = 0
    var k = object + 1
    let end = Int(tape[object].extent)
    while k < end {
      keyScratch.append(k)
      let value = tape[k + 1]
      k = value.isContainer ? Int(value.extent) : k + 2
    }
    let keys = UnsafeBufferPointer(start: keyScratch.base, count: keyScratch.count)
    if keys.count <= 16 {
      for a in 1..<keys.count {
        for b in 0..<a where sameKey(keys[b], keys[a]) {
          issues.append(.duplicateKey(first: keys[b], repeated: keys[a]))
          break
        }
      }
    } else {
      var seen: [String: Int] = [:]
      seen.reserveCapacity(keys.count)
      for key in keys {
        let name = keyText(key)
        if let first = seen[name] {
          issues.append(.duplicateKey(first: first, repeated: key))
        } else {
          seen[name] = key
        }
      }
    }
  }

  func keyText(_ index: Int) -> String {
    let entry = tape[index]
    let bytes = UnsafeBufferPointer(start: base + Int(entry.offset), count: Int(entry.extent))
    return entry.flags.contains(.escaped)
      ? JSONEscapes.unescape(bytes) : String(decoding: bytes, as: UTF8.self)
  }

  @inline(__always)
  func sameKey(_ a: Int, _ b: Int) -> Bool {
    let x = tape[a]
    let y = tape[b]
    if x.flags.contains(.escaped) || y.flags.contains(.escaped) { return keyText(a) == keyText(b) }
    guard x.extent == y.extent else { return false }
    if x.extent == 0 { return true }
    // Different first bytes settle most pairs without a call.
    guard base[Int(x.offset)] == base[Int(y.offset)] else { return false }
    return memcmp(base + Int(x.offset), base + Int(y.offset), Int(x.extent)) == 0
  }
}

func hex(_ value: UInt32, _ digits: Int) -> String {
  let text = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, digits - text.count)) + text
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// A growable buffer of trivial values without Array's copy-on-write checks, for the
/// parser's hot loop. Freed explicitly by its owner.
struct EntryBuffer<Element> {
  var base: UnsafeMutablePointer<Element>
  var count = 0
  var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 4)
    base = .allocate(capacity: self.capacity)
  }

  func deallocate() { base.deallocate() }

  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  mutating func grow() {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  @inline(__always)
  mutating func removeLast() -> Element {
    count -= 1
    return (base + count).move()
  }

  @inline(__always)
  subscript(index: Int) -> Element {
    get { base[index] }
    nonmutating set { base[index] = newValue }
  }

  var isEmpty: Bool { count == 0 }
}
