/// A decimal number of at most 19 significant digits, `mantissa × 10^exponent`, normalized (no
/// trailing zeros in the mantissa). A plain value with no references, for the fast path of
/// number checks; `DecimalNumber` handles everything else.
struct SmallDecimal: Sendable, Hashable {
  var negative: Bool
  var mantissa: UInt64
  var exponent: Int
  /// Digits in the mantissa (0 for zero).
  var digits: Int

  init(negative: Bool, mantissa: UInt64, exponent: Int) {
    var value = mantissa
    var exponent = exponent
    if value == 0 {
      self.negative = false
      self.mantissa = 0
      self.exponent = 0
      digits = 0
      return
    }
    while value % 10 == 0 {
      value /= 10
      exponent += 1
    }
    self.negative = negative
    self.mantissa = value
    self.exponent = exponent
    digits = Self.digitCount(value)
  }

  /// Decimal digits of a non-zero value (comparisons only: no division, no table).
  @inline(__always)
  private static func digitCount(_ value: UInt64) -> Int {
    var digits = 1
    var bound: UInt64 = 10
    while digits < 20 && value >= bound {
      digits += 1
      bound = digits < 20 ? bound &* 10 : .max
    }
    return digits
  }

  /// The same number as a `DecimalNumber`.
  var decimal: DecimalNumber { DecimalNumber(negative: negative, mantissa: mantissa, exponent: exponent) }

  /// Orders two numbers: negative, zero or positive.
  @inline(__always)
  static func compare(_ a: SmallDecimal, _ b: SmallDecimal) -> Int {
    let signA = a.mantissa == 0 ? 0 : (a.negative ? -1 : 1)
    let signB = b.mantissa == 0 ? 0 : (b.negative ? -1 : 1)
    if signA != signB { return signA < signB ? -1 : 1 }
    if signA == 0 { return 0 }
    let order = compareMagnitude(a, b)
    return a.negative ? -order : order
  }

  @inline(__always)
  private static func compareMagnitude(_ a: SmallDecimal, _ b: SmallDecimal) -> Int {
    let (magnitudeA, magnitudeB) = (a.digits + a.exponent, b.digits + b.exponent)
    if magnitudeA != magnitudeB { return magnitudeA < magnitudeB ? -1 : 1 }
    // Same magnitude: align the shorter mantissa to the longer one's digit count (≤ 19 digits).
    var (left, right) = (a.mantissa, b.mantissa)
    if a.digits < b.digits {
      left &*= power(b.digits - a.digits)
    } else if b.digits < a.digits {
      right &*= power(a.digits - b.digits)
    }
    return left == right ? 0 : (left < right ? -1 : 1)
  }

  @inline(__always)
  private static func power(_ n: Int) -> UInt64 {
    var value: UInt64 = 1
    for _ in 0..<n { value &*= 10 }
    return value
  }
}
