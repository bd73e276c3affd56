/// Punycode (RFC 3492), the Bootstring encoding of Unicode in the ASCII letters, digits and hyphen that IDNA
/// uses for A-labels (RFC 5891 §4.4, §5.5). Code points are `UInt32` scalar values.
enum Punycode {
  // Bootstring parameters for Punycode (RFC 3492 §5).
  private static let base: UInt32 = 36
  private static let tMin: UInt32 = 1
  private static let tMax: UInt32 = 26
  private static let skew: UInt32 = 38
  private static let damp: UInt32 = 700
  private static let initialBias: UInt32 = 72
  private static let initialN: UInt32 = 0x80
  private static let delimiter = UInt8(ascii: "-")

  /// Bias adaptation (RFC 3492 §6.1).
  private static func adapt(delta: UInt32, numPoints: UInt32, firstTime: Bool) -> UInt32 {
    var delta = firstTime ? delta / damp : delta / 2
    delta += delta / numPoints
    var k: UInt32 = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  /// The value of a basic code point used as a digit: "a"-"z" or "A"-"Z" are 0-25, "0"-"9" are 26-35 (§5).
  private static func digitValue(_ byte: UInt8) -> UInt32? {
    if byte &- UInt8(ascii: "a") < 26 { return UInt32(byte &- UInt8(ascii: "a")) }
    if byte &- UInt8(ascii: "A") < 26 { return UInt32(byte &- UInt8(ascii: "A")) }
    if byte &- UInt8(ascii: "0") < 10 { return UInt32(byte &- UInt8(ascii: "0")) + 26 }
    return nil
  }

  /// The lower-case basic code point for a digit value 0-35 (§5).
  private static func digitByte(_ digit: UInt32) -> UInt8 {
    digit < 26 ? UInt8(ascii: "a") + UInt8(digit) : UInt8(ascii: "0") + UInt8(digit - 26)
  }

  private static func threshold(_ k: UInt32, bias: UInt32) -> UInt32 {
    k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
  }

  /// Decodes Punycode text (the part of an A-label after "xn--") to code points, following the decoding
  /// procedure of RFC 3492 §6.2 (with its overflow checks, §6.4); nil when the text is not valid Punycode.
  /// The code points before the last delimiter are copied as they are; the delimiter itself is consumed only
  /// when at least one code point precedes it.
  static func decode(_ input: some Collection<UInt8>) -> [UInt32]? {
    let bytes = Array(input)
    var output: [UInt32] = []
    output.reserveCapacity(bytes.count)
    let lastDelimiter = bytes.lastIndex(of: delimiter) ?? 0
    for byte in bytes[..<lastDelimiter] {
      guard byte < 0x80 else { return nil }
      output.append(UInt32(byte))
    }
    var n = initialN
    var i: UInt32 = 0
    var bias = initialBias
    var position = lastDelimiter > 0 ? lastDelimiter + 1 : 0
    while position < bytes.count {
      let oldI = i
      var weight: UInt32 = 1
      var k = base
      while true {
        guard position < bytes.count, let digit = digitValue(bytes[position]) else { return nil }
        position += 1
        let (scaled, overflow1) = digit.multipliedReportingOverflow(by: weight)
        guard !overflow1 else { return nil }
        let (sum, overflow2) = i.addingReportingOverflow(scaled)
        guard !overflow2 else { return nil }
        i = sum
        let t = threshold(k, bias: bias)
        if digit < t { break }
        let (nextWeight, overflow3) = weight.multipliedReportingOverflow(by: base - t)
        guard !overflow3 else { return nil }
        weight = nextWeight
        k += base
      }
      let count = UInt32(output.count + 1)
      bias = adapt(delta: i - oldI, numPoints: count, firstTime: oldI == 0)
      let (nextN, overflow) = n.addingReportingOverflow(i / count)
      guard !overflow else { return nil }
      n = nextN
      i %= count
      // The result must be a Unicode scalar value: no surrogates, nothing past U+10FFFF, and not a basic code
      // point (§6.2: "if n is a basic code point then fail").
      guard n >= 0x80, n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
      output.insert(n, at: Int(i))
      i += 1
    }
    return output
  }

  /// Encodes code points as Punycode (RFC 3492 §6.3), digits in lower case; nil on overflow (§6.4).
  static func encode(_ input: [UInt32]) -> [UInt8]? {
    var output: [UInt8] = []
    output.reserveCapacity(input.count * 2)
    for scalar in input where scalar < 0x80 { output.append(UInt8(scalar)) }
    let basicCount = UInt32(output.count)
    var handled = basicCount
    if basicCount > 0 { output.append(delimiter) }
    var n = initialN
    var delta: UInt32 = 0
    var bias = initialBias
    let total = UInt32(input.count)
    while handled < total {
      var m = UInt32.max
      for scalar in input where scalar >= n && scalar < m { m = scalar }
      let (increase, overflow1) = (m - n).multipliedReportingOverflow(by: handled + 1)
      guard !overflow1 else { return nil }
      let (sum, overflow2) = delta.addingReportingOverflow(increase)
      guard !overflow2 else { return nil }
      delta = sum
      n = m
      for scalar in input {
        if scalar < n {
          let (next, overflow) = delta.addingReportingOverflow(1)
          guard !overflow else { return nil }
          delta = next
        }
        if scalar == n {
          var q = delta
          var k = base
          while true {
            let t = threshold(k, bias: bias)
            if q < t { break }
            output.append(digitByte(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digitByte(q))
          bias = adapt(delta: delta, numPoints: handled + 1, firstTime: handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      let (nextDelta, overflow3) = delta.addingReportingOverflow(1)
      guard !overflow3 else { return nil }
      delta = nextDelta
      n += 1
    }
    return output
  }
}
