/// The `Mailbox` of RFC 5321 §4.1.2, as extended for internationalized addresses by RFC 6531 §3.3.
///
/// ```
/// Mailbox        = Local-part "@" ( Domain / address-literal )
/// Local-part     = Dot-string / Quoted-string
/// Dot-string     = Atom *("."  Atom)
/// Atom           = 1*atext                                  ; atext: RFC 5322 §3.2.3
/// Quoted-string  = DQUOTE *QcontentSMTP DQUOTE
/// QcontentSMTP   = qtextSMTP / quoted-pairSMTP
/// quoted-pairSMTP = %d92 %d32-126
/// qtextSMTP      = %d32-33 / %d35-91 / %d93-126
/// address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"
/// ; RFC 6531: atext =/ UTF8-non-ascii, qtextSMTP =/ UTF8-non-ascii, sub-domain =/ U-label
/// ```
/// The Domain is checked as a host name (``IDNA/isValidDomain(_:from:to:syntax:)``): RFC 5321 §2.3.5 requires
/// a fully-qualified DNS name, with IDNs in A-label form unless RFC 6531 allows U-labels.
///
/// Not checked: the sizes of RFC 5321 §4.5.3.1 (64-octet local part and so on), which are sizes every
/// implementation must accept rather than limits of the grammar. A General-address-literal is refused: its
/// Standardized-tag must be registered with IANA, and the only registered tag is "IPv6", whose literal is the
/// IPv6-address-literal.
enum Mailbox {
  static func isValid(_ value: String, internationalized: Bool) -> Bool {
    value.withUTF8Bytes { bytes in
      guard let at = localPartEnd(bytes, internationalized: internationalized),
        at < bytes.count, bytes[at] == UInt8(ascii: "@")
      else { return false }
      let domainStart = at + 1
      guard domainStart < bytes.count else { return false }
      if bytes[domainStart] == UInt8(ascii: "[") {
        return isAddressLiteral(bytes, from: domainStart, to: bytes.count)
      }
      return IDNA.isValidDomain(
        bytes, from: domainStart, to: bytes.count, syntax: internationalized ? .mailbox : .ascii)
    }
  }

  /// Scans a `Local-part` from the start: the index just after it, or nil.
  private static func localPartEnd(_ bytes: UnsafeBufferPointer<UInt8>, internationalized: Bool) -> Int? {
    let end = bytes.count
    guard end > 0 else { return nil }
    var index = 0
    if bytes[0] == UInt8(ascii: "\"") {
      // Quoted-string
      index = 1
      while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") { return index + 1 }
        if byte == UInt8(ascii: "\\") {
          // quoted-pairSMTP: a backslash and one printable ASCII character (RFC 6531 does not extend it).
          guard index + 1 < end, (32...126).contains(bytes[index + 1]) else { return nil }
          index += 2
        } else if (32...126).contains(byte) || (internationalized && byte >= 0x80) {
          index += 1  // qtextSMTP (the backslash and quote were handled above)
        } else {
          return nil
        }
      }
      return nil
    }
    // Dot-string: Atoms separated by single dots.
    var atomLength = 0
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard atomLength > 0 else { return nil }
        atomLength = 0
      } else if isAtext(byte) || (internationalized && byte >= 0x80) {
        atomLength += 1
      } else {
        break
      }
      index += 1
    }
    return atomLength > 0 ? index : nil
  }

  /// `atext` of RFC 5322 §3.2.3: ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" /
  /// "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~".
  private static func isAtext(_ byte: UInt8) -> Bool {
    if ASCII.isLetterOrDigit(byte) { return true }
    switch byte {
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
      UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
      UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
      UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  /// `address-literal` (RFC 5321 §4.1.3) spanning `bytes[start ..< end]`:
  /// `IPv4-address-literal = Snum 3("." Snum)` (Snum allows leading zeros) or `"IPv6:" IPv6-addr`, where
  /// IPv6-addr is the RFC 4291 text form except that "::" must stand for at least two groups (`IPv6-comp`).
  private static func isAddressLiteral(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    guard end - start >= 2, bytes[end - 1] == UInt8(ascii: "]") else { return false }
    let contentStart = start + 1
    let contentEnd = end - 1
    // "IPv6:" in any case (RFC 5234 §2.3).
    let tag = "ipv6:".utf8
    if contentEnd - contentStart > tag.count,
      zip(bytes[contentStart...], tag).allSatisfy({ ASCII.lowercased($0) == $1 })
    {
      return IPAddress.isIPv6(
        bytes, from: contentStart + tag.count, to: contentEnd, minimumElidedGroups: 2, ipv4LeadingZeros: true)
    }
    return IPAddress.isIPv4(bytes, from: contentStart, to: contentEnd, allowingLeadingZeros: true)
  }
}
