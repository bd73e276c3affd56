/// Reads Table Schema `number` and `integer` cells. The lexical form is XML Schema's decimal
/// (`-1.23`, `+100000.00`, `210`, `.5`) with an optional exponent (`1.5E3`) and the special values
/// `NaN`, `INF` and `-INF` (any case) for numbers; integers are an optional sign and digits.
/// The field's `decimalChar`, `groupChar` and `bareNumber` change what is accepted:
/// group characters are removed, the decimal character stands for the point, and with
/// `bareNumber: false` leading and trailing text such as `€95` or `95%` is stripped first.
/// Surrounding XML white space (space, tab, CR, LF) is ignored. Only ASCII digits are digits:
/// full-width digits (`１２３`) are not numbers.
struct NumberParser: Sendable {
  let decimalChar: [UInt8]
  let groupChar: [UInt8]
  let bareNumber: Bool
  let integer: Bool
  /// Whether the plain fast path applies (no group or decimal character to rewrite).
  private let isPlain: Bool

  init(
    decimalChar: [UInt8] = [UInt8(ascii: ".")], groupChar: [UInt8] = [], bareNumber: Bool = true, integer: Bool = false
  ) {
    self.decimalChar = decimalChar
    self.groupChar = groupChar
    self.bareNumber = bareNumber
    self.integer = integer
    isPlain = bareNumber && groupChar.isEmpty && decimalChar == [UInt8(ascii: ".")]
  }

  /// The outcome of the fast path.
  enum Quick {
    /// A plain number of at most 19 significant digits without exponent.
    case small(SmallDecimal)
    /// Anything else: ask `parse`.
    case general
  }

  /// Reads the common case (optional sign, digits, optional fraction) without making a
  /// `DecimalNumber`; everything else, valid or not, is left to `parse`.
  @inline(__always)
  func quick(_ cell: UnsafeBufferPointer<UInt8>) -> Quick {
    guard isPlain else { return .general }
    var start = 0
    var end = cell.count
    while start < end && Self.isSpace(cell[start]) { start += 1 }
    while end > start && Self.isSpace(cell[end - 1]) { end -= 1 }
    guard start < end else { return .general }
    var i = start
    var negative = false
    if cell[i] == UInt8(ascii: "-") || cell[i] == UInt8(ascii: "+") {
      negative = cell[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var sawDigit = false
    while i < end, Self.isDigit(cell[i]) {
      let digit = UInt64(cell[i] &- 0x30)
      if significant > 0 || digit != 0 {
        guard significant < 19 else { return .general }
        mantissa = mantissa &* 10 &+ digit
        significant += 1
      }
      sawDigit = true
      i += 1
    }
    if i < end && cell[i] == UInt8(ascii: ".") {
      guard !integer else { return .general }
      i += 1
      while i < end, Self.isDigit(cell[i]) {
        let digit = UInt64(cell[i] &- 0x30)
        if significant > 0 || digit != 0 {
          guard significant < 19 else { return .general }
          mantissa = mantissa &* 10 &+ digit
          significant += 1
        }
        exponent -= 1
        sawDigit = true
        i += 1
      }
    }
    guard sawDigit, i == end else { return .general }
    return .small(SmallDecimal(negative: negative, mantissa: mantissa, exponent: exponent))
  }

  func parse(_ cell: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
    var start = 0
    var end = cell.count
    while start < end && Self.isSpace(cell[start]) { start += 1 }
    while end > start && Self.isSpace(cell[end - 1]) { end -= 1 }
    guard start < end else { return nil }
    if isPlain { return Self.lexical(cell, start, end, integer: integer) }
    // Rewrite into plain syntax, then read that.
    var bytes = Array(cell[start..<end])
    if !bareNumber {
      // As frictionless does: drop leading characters other than '-' and digits, and trailing non-digits.
      let first = bytes.firstIndex { $0 == UInt8(ascii: "-") || Self.isDigit($0) } ?? bytes.count
      let last = bytes.lastIndex { Self.isDigit($0) }.map { $0 + 1 } ?? first
      bytes = first < last ? Array(bytes[first..<last]) : []
    }
    if !groupChar.isEmpty { bytes = Self.removing(groupChar, from: bytes) }
    if !integer && decimalChar != [UInt8(ascii: ".")] {
      if bytes.contains(UInt8(ascii: ".")) { return nil }
      bytes = Self.replacing(decimalChar, with: UInt8(ascii: "."), in: bytes)
    }
    return bytes.withUnsafeBufferPointer { Self.lexical($0, 0, $0.count, integer: integer) }
  }

  /// The plain lexical form.
  static func lexical(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, integer: Bool) -> DecimalNumber? {
    guard start < end else { return nil }
    var i = start
    var negative = false
    if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < end else { return nil }
    if !integer && !isDigit(b[i]) && b[i] != UInt8(ascii: ".") {
      return special(b, i, end, negative: negative)
    }
    // Accumulate up to 19 significant digits inline; longer mantissas fall back to an array.
    var mantissa: UInt64 = 0
    var count = 0
    var overflow: [UInt8]? = nil
    var exponent = 0
    var sawDigit = false
    while i < end, isDigit(b[i]) {
      append(b[i] &- 0x30, &mantissa, &count, &overflow)
      sawDigit = true
      i += 1
    }
    if i < end && b[i] == UInt8(ascii: ".") {
      guard !integer else { return nil }
      i += 1
      while i < end, isDigit(b[i]) {
        append(b[i] &- 0x30, &mantissa, &count, &overflow)
        exponent -= 1
        sawDigit = true
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
      guard !integer else { return nil }
      i += 1
      var exponentNegative = false
      if i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
        exponentNegative = b[i] == UInt8(ascii: "-")
        i += 1
      }
      guard i < end, isDigit(b[i]) else { return nil }
      var value = 0
      while i < end, isDigit(b[i]) {
        // Exponents beyond a billion are clamped: such a number is out of any range anyway.
        value = min(value * 10 + Int(b[i] &- 0x30), 1_000_000_000)
        i += 1
      }
      exponent += exponentNegative ? -value : value
    }
    guard i == end else { return nil }
    if let overflow { return DecimalNumber(negative: negative, digits: overflow, exponent: exponent) }
    return DecimalNumber(negative: negative, mantissa: mantissa, exponent: exponent)
  }

  @inline(__always)
  private static func append(_ digit: UInt8, _ mantissa: inout UInt64, _ count: inout Int, _ overflow: inout [UInt8]?) {
    if overflow != nil {
      overflow!.append(digit)
      return
    }
    if count == 0 && digit == 0 { return }  // leading zero
    if count < 19 {
      mantissa = mantissa &* 10 &+ UInt64(digit)
      count += 1
      return
    }
    var digits = digitsOf(mantissa, count: count)
    digits.append(digit)
    overflow = digits
  }

  private static func digitsOf(_ mantissa: UInt64, count: Int) -> [UInt8] {
    var digits = [UInt8](repeating: 0, count: count)
    var rest = mantissa
    var index = count - 1
    while index >= 0 {
      digits[index] = UInt8(rest % 10)
      rest /= 10
      index -= 1
    }
    return digits
  }

  /// NaN, INF, -INF (case-insensitive).
  private static func special(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, negative: Bool)
    -> DecimalNumber?
  {
    let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self).lowercased()
    switch word {
    case "inf": return .infinity(negative: negative)
    case "nan": return .nan
    default: return nil
    }
  }

  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  private static func removing(_ needle: [UInt8], from bytes: [UInt8]) -> [UInt8] {
    guard !needle.isEmpty else { return bytes }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == needle[0] && bytes[i...].starts(with: needle) {
        i += needle.count
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  private static func replacing(_ needle: [UInt8], with byte: UInt8, in bytes: [UInt8]) -> [UInt8] {
    guard !needle.isEmpty else { return bytes }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == needle[0] && bytes[i...].starts(with: needle) {
        out.append(byte)
        i += needle.count
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }
}
