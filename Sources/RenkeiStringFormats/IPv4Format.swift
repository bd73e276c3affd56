/// `ipv4`: the dotted-quad of RFC 2673 §3.2 (JSON Schema 2020-12 Validation §7.3.4): four decimal octets 0-255
/// separated by ".", ASCII digits only. Leading zeros ("087") are refused, as in `dec-octet` of RFC 3986 §3.2.2,
/// because common parsers read them as octal and would name a different address.
enum IPv4Format {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      IPAddress.isIPv4(bytes, from: 0, to: bytes.count, allowingLeadingZeros: false)
    }
  }
}

/// Scanners for IP address text shared by `ipv4`, `ipv6`, URIs and e-mail address literals.
enum IPAddress {
  /// Whether `bytes[start ..< end]` is four "."-separated decimal numbers 0-255 of one to three ASCII digits.
  /// Without `allowingLeadingZeros` a number of two or three digits may not start with "0" (RFC 3986 §3.2.2
  /// `dec-octet`); with it, "007" is the number 7 (RFC 5321 §4.1.3 `Snum = 1*3DIGIT`).
  static func isIPv4(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, allowingLeadingZeros: Bool
  ) -> Bool {
    var index = start
    for part in 0..<4 {
      if part > 0 {
        guard index < end, bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
      }
      let digitsStart = index
      var number = 0
      while index < end, index - digitsStart < 3, ASCII.isDigit(bytes[index]) {
        number = number * 10 + Int(bytes[index] &- 0x30)
        index += 1
      }
      let digits = index - digitsStart
      guard digits > 0, number <= 255 else { return false }
      if !allowingLeadingZeros, digits > 1, bytes[digitsStart] == UInt8(ascii: "0") { return false }
    }
    return index == end
  }

  /// Whether `bytes[start ..< end]` is an IPv6 address in the text form of RFC 4291 §2.2: eight groups of one to
  /// four hex digits separated by ":", where one "::" may stand for `minimumElidedGroups` or more zero groups
  /// and the last two groups may be written as a dotted-quad IPv4 address. No zone identifier, no prefix length.
  ///
  /// RFC 4291 and RFC 3986 §3.2.2 let "::" stand for a single group; RFC 5321 §4.1.3 (`IPv6-comp`) requires at
  /// least two. The embedded IPv4 address follows ``isIPv4(_:from:to:allowingLeadingZeros:)``.
  static func isIPv6(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
    minimumElidedGroups: Int = 1, ipv4LeadingZeros: Bool = false
  ) -> Bool {
    var index = start
    var groups = 0
    var elided = false
    if end - index >= 2, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: ":") {
      elided = true
      index += 2
    }
    while index < end {
      // One piece: h16, or the trailing IPv4 address when a "." comes before the next ":".
      var pieceEnd = index
      var isDotted = false
      while pieceEnd < end, bytes[pieceEnd] != UInt8(ascii: ":") {
        if bytes[pieceEnd] == UInt8(ascii: ".") { isDotted = true }
        pieceEnd += 1
      }
      if isDotted {
        guard pieceEnd == end, isIPv4(bytes, from: index, to: end, allowingLeadingZeros: ipv4LeadingZeros)
        else { return false }
        groups += 2
        index = end
        break
      }
      let digits = pieceEnd - index
      guard digits >= 1, digits <= 4 else { return false }
      for i in index..<pieceEnd where !ASCII.isHexDigit(bytes[i]) { return false }
      groups += 1
      index = pieceEnd
      guard index < end else { break }
      // A ":" separator, possibly the single "::".
      index += 1
      if index < end, bytes[index] == UInt8(ascii: ":") {
        guard !elided else { return false }
        elided = true
        index += 1
      } else if index == end {
        return false  // a trailing single ":"
      }
    }
    return elided ? groups <= 8 - minimumElidedGroups : groups == 8
  }
}
