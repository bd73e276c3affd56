/// A JSON number as an exact decimal: sign, significant digits and a power of ten. Used where
/// doubles would round: comparisons of big numbers, `multipleOf` with decimal fractions,
/// integer checks of 1.0 or 1e2, and JSON equality (1 equals 1.0).
struct ExactNumber: Hashable, Sendable, Comparable {
  var negative: Bool
  /// Significant digits (0-9), no leading or trailing zeros; empty for zero.
  var digits: [UInt8]
  /// value = digits × 10^exponent
  var exponent: Int

  /// Parses a valid JSON number lexeme.
  init(lexeme: String) {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0
    var afterPoint = 0
    var inFraction = false
    var utf8 = Substring(lexeme).utf8[...]
    if utf8.first == UInt8(ascii: "-") {
      negative = true
      utf8 = utf8.dropFirst()
    }
    var exponentText: Substring.UTF8View.SubSequence?
    for (offset, c) in zip(utf8.indices, utf8) {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if digits.isEmpty && c == UInt8(ascii: "0") {
          if inFraction { afterPoint += 1 }
          continue
        }
        digits.append(c - UInt8(ascii: "0"))
        if inFraction { afterPoint += 1 }
      case UInt8(ascii: "."):
        inFraction = true
      default:  // e or E
        exponentText = utf8[utf8.index(after: offset)...]
      }
      if exponentText != nil { break }
    }
    if let exponentText {
      let text = String(Substring(exponentText))
      // Saturate absurd exponents: only their sign and size matter.
      exponent = Int(text) ?? (text.hasPrefix("-") ? -1_000_000_000 : 1_000_000_000)
    }
    exponent -= afterPoint
    while let last = digits.last, last == 0 {
      digits.removeLast()
      exponent += 1
    }
    if digits.isEmpty {
      negative = false
      exponent = 0
    }
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  var isZero: Bool { digits.isEmpty }
  var isInteger: Bool { digits.isEmpty || exponent >= 0 }

  /// Digits before the decimal point (may be <= 0 for values below 1).
  private var magnitude: Int { digits.count + exponent }

  static func < (a: ExactNumber, b: ExactNumber) -> Bool {
    if a.negative != b.negative { return a.negative }
    let less = compareMagnitude(a, b) < 0
    let equal = a == b
    return a.negative ? (!less && !equal) : less
  }

  /// -1, 0 or 1 comparing absolute values.
  static func compareMagnitude(_ a: ExactNumber, _ b: ExactNumber) -> Int {
    if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
    if a.magnitude != b.magnitude { return a.magnitude < b.magnitude ? -1 : 1 }
    for i in 0..<max(a.digits.count, b.digits.count) {
      let x = i < a.digits.count ? a.digits[i] : 0
      let y = i < b.digits.count ? b.digits[i] : 0
      if x != y { return x < y ? -1 : 1 }
    }
    return 0
  }

  /// Whether self is an integer multiple of `divisor` (> 0), exactly.
  func isMultiple(of divisor: ExactNumber) -> Bool {
    if isZero { return true }
    if divisor.isZero { return false }
    let common = min(exponent, divisor.exponent)
    let divisorZeros = divisor.exponent - common
    // The divisor as an integer; beyond UInt64 fall back to doubles (documented limitation).
    guard divisor.digits.count + divisorZeros <= 19 else {
      let q = double / divisor.double
      return q.isFinite && q == q.rounded()
    }
    var m: UInt64 = 0
    for d in divisor.digits { m = m * 10 + UInt64(d) }
    for _ in 0..<divisorZeros { m *= 10 }
    // Long division of digits followed by zeros: remainder only.
    var remainder: UInt64 = 0
    func step(_ d: UInt64) {
      // remainder × 10 + d may exceed 64 bits: divide the 128-bit value.
      var (high, low) = remainder.multipliedFullWidth(by: 10)
      let (sum, carry) = low.addingReportingOverflow(d)
      low = sum
      if carry { high += 1 }
      remainder = m.dividingFullWidth((high, low)).remainder
    }
    for d in digits { step(UInt64(d)) }
    let zeros = exponent - common
    if zeros > 0 {
      // 10^k mod m reaches 0 within 64 steps or never (m < 2^64 has at most 63 factors 2 or 5).
      for _ in 0..<min(zeros, 128) {
        if remainder == 0 { break }
        step(0)
      }
    }
    return remainder == 0
  }

  var double: Double {
    var text = negative ? "-" : ""
    text += digits.isEmpty ? "0" : String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    text += "e\(exponent)"
    return Double(text) ?? 0
  }
}
