/// An exact decimal number (Table Schema `number` and `integer` are decimal, as in XML Schema):
/// `mantissa × 10^exponent`, normalized so equal values have equal representations (no leading
/// or trailing zeros in the mantissa), plus NaN and the infinities. Mantissas of up to 19 digits
/// are stored inline; longer ones as digits, so big integers and long fractions stay exact.
struct DecimalNumber: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case finite
    case nan
    case infinity
  }

  private enum Mantissa: Sendable, Hashable {
    case small(UInt64)
    /// Decimal digits (values 0...9), most significant first, no leading or trailing zeros.
    case big([UInt8])
  }

  let kind: Kind
  let negative: Bool
  private let mantissa: Mantissa
  /// The power of ten the mantissa is multiplied by.
  let exponent: Int
  /// Significant digits in the mantissa (0 for zero).
  private let digitCount: Int

  static let nan = DecimalNumber(kind: .nan, negative: false, mantissa: .small(0), exponent: 0)
  static let zero = DecimalNumber(kind: .finite, negative: false, mantissa: .small(0), exponent: 0)

  private init(kind: Kind, negative: Bool, mantissa: Mantissa, exponent: Int) {
    self.kind = kind
    self.negative = negative
    self.mantissa = mantissa
    self.exponent = exponent
    digitCount = Self.countDigits(mantissa)
  }

  private static func countDigits(_ mantissa: Mantissa) -> Int {
    switch mantissa {
    case .small(let value):
      var count = 0
      var rest = value
      while rest > 0 {
        count += 1
        rest /= 10
      }
      return count
    case .big(let digits):
      return digits.count
    }
  }

  static func infinity(negative: Bool) -> DecimalNumber {
    DecimalNumber(kind: .infinity, negative: negative, mantissa: .small(0), exponent: 0)
  }

  /// A finite number from its significant digits (values 0...9) and exponent.
  init(negative: Bool, digits: some Collection<UInt8>, exponent: Int) {
    var digits = Array(digits.drop { $0 == 0 })
    var exponent = exponent
    while let last = digits.last, last == 0 {
      digits.removeLast()
      exponent += 1
    }
    kind = .finite
    if digits.isEmpty {
      self.negative = false
      mantissa = .small(0)
      self.exponent = 0
    } else if digits.count <= 19 {
      self.negative = negative
      mantissa = .small(digits.reduce(0) { $0 * 10 + UInt64($1) })
      self.exponent = exponent
    } else {
      self.negative = negative
      mantissa = .big(digits)
      self.exponent = exponent
    }
    digitCount = Self.countDigits(mantissa)
  }

  /// A finite number `mantissa × 10^exponent` (no allocation).
  init(negative: Bool, mantissa value: UInt64, exponent: Int) {
    kind = .finite
    guard value != 0 else {
      self.negative = false
      mantissa = .small(0)
      self.exponent = 0
      digitCount = 0
      return
    }
    var value = value
    var exponent = exponent
    while value % 10 == 0 {
      value /= 10
      exponent += 1
    }
    self.negative = negative
    mantissa = .small(value)
    self.exponent = exponent
    digitCount = Self.countDigits(mantissa)
  }

  init(_ value: Int) {
    var digits: [UInt8] = []
    var rest = value.magnitude
    repeat {
      digits.append(UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    self.init(negative: value < 0, digits: digits.reversed(), exponent: 0)
  }

  var isZero: Bool { kind == .finite && mantissa == .small(0) }
  var isNaN: Bool { kind == .nan }

  /// Whether the value is a whole number.
  var isInteger: Bool { kind == .finite && exponent >= 0 }

  /// The significant digits, most significant first (empty for zero).
  var digits: [UInt8] {
    switch mantissa {
    case .small(let value):
      if value == 0 { return [] }
      var out: [UInt8] = []
      var rest = value
      while rest > 0 {
        out.append(UInt8(rest % 10))
        rest /= 10
      }
      return out.reversed()
    case .big(let digits):
      return digits
    }
  }

  /// The position of the most significant digit (0 for zero).
  private var magnitude: Int { isZero ? Int.min : digitCount + exponent }

  /// Total order on finite and infinite values; nil when either side is NaN.
  static func compare(_ a: DecimalNumber, _ b: DecimalNumber) -> Int? {
    if a.kind == .nan || b.kind == .nan { return nil }
    let signA = a.signum
    let signB = b.signum
    if signA != signB { return signA < signB ? -1 : 1 }
    if a.kind == .infinity || b.kind == .infinity {
      if a.kind == b.kind { return 0 }
      let aBigger = a.kind == .infinity
      return (aBigger != a.negative) ? 1 : -1
    }
    if signA == 0 { return 0 }
    let magnitudeOrder = compareMagnitude(a, b)
    return a.negative ? -magnitudeOrder : magnitudeOrder
  }

  private var signum: Int {
    if kind == .nan { return 0 }
    if kind == .infinity { return negative ? -1 : 1 }
    if isZero { return 0 }
    return negative ? -1 : 1
  }

  /// Compares |a| and |b| (both finite and non-zero).
  private static func compareMagnitude(_ a: DecimalNumber, _ b: DecimalNumber) -> Int {
    let (ma, mb) = (a.magnitude, b.magnitude)
    if ma != mb { return ma < mb ? -1 : 1 }
    if case .small(let x) = a.mantissa, case .small(let y) = b.mantissa {
      // Same magnitude: align the shorter mantissa to the longer one's digit count (≤ 19 digits).
      let (da, db) = (a.digitCount, b.digitCount)
      var (left, right) = (x, y)
      if da < db { left = x * power(db - da) } else if db < da { right = y * power(da - db) }
      return left == right ? 0 : (left < right ? -1 : 1)
    }
    let (digitsA, digitsB) = (a.digits, b.digits)
    for (x, y) in zip(digitsA, digitsB) where x != y { return x < y ? -1 : 1 }
    return digitsA.count == digitsB.count ? 0 : (digitsA.count < digitsB.count ? -1 : 1)
  }

  private static func power(_ n: Int) -> UInt64 {
    var value: UInt64 = 1
    for _ in 0..<n { value *= 10 }
    return value
  }

  /// Canonical text: "-12.5", "300", "1E+25", "NaN", "INF", "-INF". Equal values give equal text.
  var canonical: String {
    switch kind {
    case .nan: return "NaN"
    case .infinity: return negative ? "-INF" : "INF"
    case .finite: break
    }
    if isZero { return "0" }
    let text = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
    let sign = negative ? "-" : ""
    if exponent >= 0 {
      return exponent <= 20 ? sign + text + String(repeating: "0", count: exponent) : sign + text + "E+\(exponent)"
    }
    let fractionLength = -exponent
    if fractionLength < text.count {
      let split = text.index(text.endIndex, offsetBy: -fractionLength)
      return sign + text[..<split] + "." + text[split...]
    }
    if fractionLength - text.count <= 20 {
      return sign + "0." + String(repeating: "0", count: fractionLength - text.count) + text
    }
    return sign + text + "E\(exponent)"
  }

  /// The number as a `SmallDecimal`, when it is finite with at most 19 significant digits and a
  /// modest exponent.
  var small: SmallDecimal? {
    guard kind == .finite, case .small(let value) = mantissa, abs(exponent) < 1_000_000 else { return nil }
    return SmallDecimal(negative: negative, mantissa: value, exponent: exponent)
  }

  /// The nearest Double (for messages and coarse checks only).
  var doubleValue: Double { Double(canonical) ?? .nan }
}
