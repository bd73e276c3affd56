/// A date/time pattern in the syntax of C and Python `strptime`, as Table Schema uses for
/// `date`, `time` and `datetime` formats (e.g. `%d/%m/%Y %H:%M`). Matching follows Python's
/// `datetime.strptime`: each directive accepts what Python's regular expression for it accepts
/// (`%m` is 1 or 2 digits, `%Y` exactly 4), literal text matches without regard to case, white
/// space in the pattern matches one or more white-space characters, and the whole value must be
/// consumed.
///
/// Supported directives: `%Y %y %m %d %j %H %I %M %S %f %p %b %h %B %a %A %w %u %z %Z %%`.
struct StrptimeFormat: Sendable {
  struct SyntaxError: Error, Sendable {
    var message: String
  }

  /// The parts a value is made of.
  struct Parts: Sendable, Hashable {
    var year = 1900
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    /// Fraction of a second as decimal digits (no trailing zeros).
    var fraction: [UInt8] = []
    /// Offset from UTC in seconds, if the value names one.
    var offset: Int?
    var hasDate = false
    var hasTime = false
  }

  private enum Piece: Sendable {
    case literal([UInt8])
    case space
    case directive(UInt8)
  }

  private let pieces: [Piece]

  init(_ pattern: String) throws(SyntaxError) {
    var pieces: [Piece] = []
    var literal: [UInt8] = []
    let bytes = Array(pattern.utf8)
    var i = 0
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = []
    }
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "%") {
        guard i + 1 < bytes.count else { throw SyntaxError(message: "the pattern ends with a lone '%'") }
        let directive = bytes[i + 1]
        i += 2
        if directive == UInt8(ascii: "%") {
          literal.append(directive)
          continue
        }
        guard Self.directives.contains(directive) else {
          throw SyntaxError(message: "'%\(Character(Unicode.Scalar(directive)))' is not a supported strptime directive")
        }
        flush()
        pieces.append(.directive(directive))
      } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        flush()
        while i < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        pieces.append(.space)
      } else {
        literal.append(Self.lower(byte))
        i += 1
      }
    }
    flush()
    self.pieces = pieces
  }

  private static let directives = Set("YymdjHIMSfpbhBaAwuzZ".utf8)

  /// The parts of `value`, or nil when it does not match or names an impossible date.
  func parse(_ value: UnsafeBufferPointer<UInt8>) -> Parts? {
    var fields: [UInt8: (Int, Int)] = [:]
    guard let end = match(value, piece: 0, at: 0, fields: &fields), end == value.count else { return nil }
    return assemble(value, fields)
  }

  /// Python's `re.match`: the first way (in alternative order) to match every piece; the
  /// caller then requires that it reached the end of the value.
  private func match(
    _ value: UnsafeBufferPointer<UInt8>, piece: Int, at position: Int, fields: inout [UInt8: (Int, Int)]
  ) -> Int? {
    guard piece < pieces.count else { return position }
    switch pieces[piece] {
    case .literal(let text):
      guard position + text.count <= value.count else { return nil }
      for (offset, byte) in text.enumerated() where Self.lower(value[position + offset]) != byte { return nil }
      return match(value, piece: piece + 1, at: position + text.count, fields: &fields)
    case .space:
      var end = position
      while end < value.count && [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(value[end]) { end += 1 }
      guard end > position else { return nil }
      return match(value, piece: piece + 1, at: end, fields: &fields)
    case .directive(let directive):
      for length in candidates(directive, value, at: position) {
        fields[directive] = (position, length)
        if let end = match(value, piece: piece + 1, at: position + length, fields: &fields) { return end }
      }
      fields[directive] = nil
      return nil
    }
  }

  /// The lengths a directive can match at `position`, in the order of Python's alternatives.
  private func candidates(_ directive: UInt8, _ v: UnsafeBufferPointer<UInt8>, at p: Int) -> [Int] {
    func digit(_ offset: Int) -> Int? {
      let i = p + offset
      guard i < v.count, v[i] >= 0x30 && v[i] <= 0x39 else { return nil }
      return Int(v[i] - 0x30)
    }
    func space(_ offset: Int) -> Bool { p + offset < v.count && v[p + offset] == 0x20 }
    var out: [Int] = []
    /// Two-digit alternatives first when the first digit allows them, then one digit.
    func numeric(twoDigit: (Int, Int) -> Bool, oneDigit: (Int) -> Bool, spacePadded: Bool = false) {
      if let a = digit(0), let b = digit(1), twoDigit(a, b) { out.append(2) }
      if let a = digit(0), oneDigit(a) { out.append(1) }
      if spacePadded, space(0), let a = digit(1), a >= 1 { out.append(2) }
    }
    switch directive {
    case UInt8(ascii: "Y"):
      if (0..<4).allSatisfy({ digit($0) != nil }) { out.append(4) }
    case UInt8(ascii: "y"):
      if digit(0) != nil && digit(1) != nil { out.append(2) }
    case UInt8(ascii: "m"):
      numeric(twoDigit: { a, b in (a == 1 && b <= 2) || (a == 0 && b >= 1) }, oneDigit: { $0 >= 1 })
    case UInt8(ascii: "d"):
      numeric(
        twoDigit: { a, b in (a == 3 && b <= 1) || a == 1 || a == 2 || (a == 0 && b >= 1) }, oneDigit: { $0 >= 1 },
        spacePadded: true)
    case UInt8(ascii: "H"):
      numeric(twoDigit: { a, b in (a == 2 && b <= 3) || a <= 1 }, oneDigit: { _ in true })
    case UInt8(ascii: "I"):
      numeric(
        twoDigit: { a, b in (a == 1 && b <= 2) || (a == 0 && b >= 1) }, oneDigit: { $0 >= 1 }, spacePadded: true)
    case UInt8(ascii: "M"):
      numeric(twoDigit: { a, _ in a <= 5 }, oneDigit: { _ in true })
    case UInt8(ascii: "S"):
      numeric(twoDigit: { a, b in (a == 6 && b <= 1) || a <= 5 }, oneDigit: { _ in true })
    case UInt8(ascii: "j"):
      if let a = digit(0), let b = digit(1), let c = digit(2) {
        let value = a * 100 + b * 10 + c
        if value >= 1 && value <= 366 { out.append(3) }
      }
      if let a = digit(0), let b = digit(1), a * 10 + b >= 1 { out.append(2) }
      if let a = digit(0), a >= 1 { out.append(1) }
    case UInt8(ascii: "f"):
      var length = 0
      while length < 6, digit(length) != nil { length += 1 }
      out += stride(from: length, through: 1, by: -1).map { $0 }
    case UInt8(ascii: "w"):
      if let a = digit(0), a <= 6 { out.append(1) }
    case UInt8(ascii: "u"):
      if let a = digit(0), a >= 1 && a <= 7 { out.append(1) }
    case UInt8(ascii: "p"):
      for word in ["am", "pm"] where hasWord(word, v, at: p) { out.append(2) }
    case UInt8(ascii: "b"), UInt8(ascii: "h"):
      for name in Self.months where hasWord(String(name.prefix(3)), v, at: p) { out.append(3) }
    case UInt8(ascii: "B"):
      for name in Self.months where hasWord(name, v, at: p) { out.append(name.utf8.count) }
    case UInt8(ascii: "a"):
      for name in Self.weekdays where hasWord(String(name.prefix(3)), v, at: p) { out.append(3) }
    case UInt8(ascii: "A"):
      for name in Self.weekdays where hasWord(name, v, at: p) { out.append(name.utf8.count) }
    case UInt8(ascii: "z"):
      if let length = offsetLength(v, at: p) { out.append(length) }
    case UInt8(ascii: "Z"):
      for name in ["utc", "gmt", "z"] where hasWord(name, v, at: p) { out.append(name.count) }
    default:
      break
    }
    return out
  }

  private static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]
  private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

  private func hasWord(_ word: String, _ v: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
    let bytes = Array(word.utf8)
    guard p + bytes.count <= v.count else { return false }
    return bytes.enumerated().allSatisfy { Self.lower(v[p + $0.offset]) == $0.element }
  }

  /// `Z`, or `±HH[:]MM[[:]SS[.ffffff]]`.
  private func offsetLength(_ v: UnsafeBufferPointer<UInt8>, at p: Int) -> Int? {
    guard p < v.count else { return nil }
    if v[p] == UInt8(ascii: "Z") { return 1 }
    guard v[p] == UInt8(ascii: "+") || v[p] == UInt8(ascii: "-") else { return nil }
    func isDigit(_ i: Int) -> Bool { i < v.count && v[i] >= 0x30 && v[i] <= 0x39 }
    var i = p + 1
    guard isDigit(i), isDigit(i + 1) else { return nil }
    i += 2
    if i < v.count && v[i] == UInt8(ascii: ":") { i += 1 }
    guard isDigit(i), isDigit(i + 1), v[i] <= UInt8(ascii: "5") else { return nil }
    i += 2
    let beforeSeconds = i
    if i < v.count && v[i] == UInt8(ascii: ":") { i += 1 }
    if isDigit(i), isDigit(i + 1), v[i] <= UInt8(ascii: "5") {
      i += 2
      if i < v.count && v[i] == UInt8(ascii: "."), isDigit(i + 1) {
        i += 1
        var count = 0
        while count < 6, isDigit(i) {
          i += 1
          count += 1
        }
      }
      return i - p
    }
    return beforeSeconds - p
  }

  private func assemble(_ v: UnsafeBufferPointer<UInt8>, _ fields: [UInt8: (Int, Int)]) -> Parts? {
    func text(_ directive: UInt8) -> [UInt8]? {
      fields[directive].map { Array(v[$0.0..<($0.0 + $0.1)]) }
    }
    func number(_ directive: UInt8) -> Int? {
      text(directive).map { $0.reduce(0) { $1 == 0x20 ? $0 : $0 * 10 + Int($1 - 0x30) } }
    }
    var parts = Parts()
    if let year = number(UInt8(ascii: "Y")) {
      parts.year = year
      parts.hasDate = true
    } else if let year = number(UInt8(ascii: "y")) {
      parts.year = year <= 68 ? 2000 + year : 1900 + year
      parts.hasDate = true
    }
    if let month = number(UInt8(ascii: "m")) {
      parts.month = month
      parts.hasDate = true
    }
    for directive in [UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "B")] {
      if let word = text(directive) {
        let prefix = String(decoding: word.prefix(3).map(Self.lower), as: UTF8.self)
        parts.month = (Self.months.firstIndex { $0.hasPrefix(prefix) } ?? 0) + 1
        parts.hasDate = true
      }
    }
    if let day = number(UInt8(ascii: "d")) {
      parts.day = day
      parts.hasDate = true
    }
    if let dayOfYear = number(UInt8(ascii: "j")) {
      guard let (month, day) = CivilCalendar.monthAndDay(dayOfYear: dayOfYear, year: parts.year) else { return nil }
      parts.month = month
      parts.day = day
      parts.hasDate = true
    }
    if let hour = number(UInt8(ascii: "H")) {
      parts.hour = hour
      parts.hasTime = true
    } else if let hour = number(UInt8(ascii: "I")) {
      var value = hour % 12
      if let marker = text(UInt8(ascii: "p")), Self.lower(marker[0]) == UInt8(ascii: "p") { value += 12 }
      parts.hour = value
      parts.hasTime = true
    }
    if let minute = number(UInt8(ascii: "M")) {
      parts.minute = minute
      parts.hasTime = true
    }
    if let second = number(UInt8(ascii: "S")) {
      // Python accepts 60 and 61 in the pattern but datetime rejects them.
      guard second <= 59 else { return nil }
      parts.second = second
      parts.hasTime = true
    }
    if let fraction = text(UInt8(ascii: "f")) {
      var digits = fraction.map { $0 - 0x30 }
      while digits.last == 0 { digits.removeLast() }
      parts.fraction = digits
    }
    if let zone = text(UInt8(ascii: "z")) { parts.offset = Self.offsetSeconds(zone) }
    if text(UInt8(ascii: "Z")) != nil { parts.offset = 0 }
    guard parts.year >= 1, CivilCalendar.isValid(year: parts.year, month: parts.month, day: parts.day) else {
      return nil
    }
    return parts
  }

  /// Seconds east of UTC for a matched `%z` value.
  private static func offsetSeconds(_ text: [UInt8]) -> Int {
    if text == [UInt8(ascii: "Z")] { return 0 }
    let digits = text.dropFirst().filter { $0 >= 0x30 && $0 <= 0x39 }.map { Int($0 - 0x30) }
    var seconds = (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60
    if digits.count >= 6 { seconds += digits[4] * 10 + digits[5] }
    return text[0] == UInt8(ascii: "-") ? -seconds : seconds
  }

  @inline(__always)
  private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
