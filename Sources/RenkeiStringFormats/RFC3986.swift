/// A scanner for the URI grammar of RFC 3986 Appendix A and its IRI extension of RFC 3987 §2.2, shared by `uri`,
/// `uri-reference`, `iri` and `iri-reference`.
///
/// ```
/// URI           = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
/// relative-ref  = relative-part [ "?" query ] [ "#" fragment ]
/// hier-part     = "//" authority path-abempty / path-absolute / path-rootless / path-empty
/// relative-part = "//" authority path-abempty / path-absolute / path-noscheme / path-empty
/// scheme        = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
/// authority     = [ userinfo "@" ] host [ ":" port ]
/// userinfo      = *( unreserved / pct-encoded / sub-delims / ":" )
/// host          = IP-literal / IPv4address / reg-name
/// IP-literal    = "[" ( IPv6address / IPvFuture  ) "]"
/// IPvFuture     = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
/// reg-name      = *( unreserved / pct-encoded / sub-delims )
/// port          = *DIGIT
/// segment       = *pchar            segment-nz = 1*pchar
/// segment-nz-nc = 1*( unreserved / pct-encoded / sub-delims / "@" )
/// pchar         = unreserved / pct-encoded / sub-delims / ":" / "@"
/// query         = *( pchar / "/" / "?" )
/// fragment      = *( pchar / "/" / "?" )
/// ```
/// An IRI also admits `ucschar` wherever `unreserved` appears (in userinfo, reg-name and path, query and fragment
/// characters) and `iprivate` in the query. Every IPv4address is also a reg-name, so hosts that are not IP
/// literals are checked as reg-names (RFC 3986 §3.2.2 "first-match-wins" changes no verdict).
struct RFC3986 {
  /// Whether non-ASCII characters (`ucschar`, `iprivate`) are allowed: IRI rather than URI.
  let allowsUnicode: Bool
  /// Whether a `relative-ref` is accepted: URI-reference rather than URI.
  let allowsRelative: Bool

  func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in isValid(bytes) }
  }

  private func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = bytes.count
    var index = 0
    let hasScheme: Bool
    if let colon = schemeEnd(bytes) {
      hasScheme = true
      index = colon + 1
    } else {
      guard allowsRelative else { return false }
      hasScheme = false
    }

    // hier-part / relative-part
    if end - index >= 2, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
      index += 2
      var authorityEnd = index
      while authorityEnd < end, !isDelimiterAfterAuthority(bytes[authorityEnd]) { authorityEnd += 1 }
      guard isAuthority(bytes, from: index, to: authorityEnd) else { return false }
      index = authorityEnd
    } else if !hasScheme {
      // path-noscheme: the first segment may not contain ":" (RFC 3986 §4.2), else it would read as a scheme.
      var i = index
      while i < end {
        let byte = bytes[i]
        if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        if byte == UInt8(ascii: ":") { return false }
        i += 1
      }
    }
    // path-abempty, path-absolute, path-rootless, path-noscheme or path-empty: after the checks above, all are
    // pchar and "/" up to "?" or "#". ("//" at the start of a path without authority was taken as authority.)
    guard let pathEnd = scan(bytes, from: index, allowing: .path) else { return false }
    index = pathEnd
    if index < end, bytes[index] == UInt8(ascii: "?") {
      guard let queryEnd = scan(bytes, from: index + 1, allowing: .query) else { return false }
      index = queryEnd
    }
    if index < end, bytes[index] == UInt8(ascii: "#") {
      guard let fragmentEnd = scan(bytes, from: index + 1, allowing: .fragment) else { return false }
      index = fragmentEnd
    }
    return index == end
  }

  /// The index of the ":" ending a `scheme` at the start, or nil.
  private func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = bytes.first, ASCII.isAlpha(first) else { return nil }
    var index = 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ":") { return index }
      guard
        ASCII.isLetterOrDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: ".")
      else { return nil }
      index += 1
    }
    return nil
  }

  private func isDelimiterAfterAuthority(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
  }

  /// `authority` (RFC 3986 §3.2) spanning `bytes[start ..< end]`.
  private func isAuthority(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var hostStart = start
    // userinfo "@": userinfo has no "@", so the first "@" ends it; the host may not contain another.
    if let at = (start..<end).first(where: { bytes[$0] == UInt8(ascii: "@") }) {
      guard scan(bytes, from: start, allowing: .userinfo, until: at) == at else { return false }
      hostStart = at + 1
    }
    var portStart: Int?
    if hostStart < end, bytes[hostStart] == UInt8(ascii: "[") {
      // IP-literal, then optionally ":" port.
      guard let close = (hostStart..<end).first(where: { bytes[$0] == UInt8(ascii: "]") }),
        isIPLiteral(bytes, from: hostStart + 1, to: close)
      else { return false }
      if close + 1 < end {
        guard bytes[close + 1] == UInt8(ascii: ":") else { return false }
        portStart = close + 2
      }
    } else {
      // reg-name (or IPv4address) has no ":", so the first ":" starts the port.
      let colon = (hostStart..<end).first(where: { bytes[$0] == UInt8(ascii: ":") })
      guard scan(bytes, from: hostStart, allowing: .regName, until: colon ?? end) == colon ?? end else {
        return false
      }
      portStart = colon.map { $0 + 1 }
    }
    if let portStart {
      for i in portStart..<end where !ASCII.isDigit(bytes[i]) { return false }
    }
    return true
  }

  /// The inside of an `IP-literal` (RFC 3986 §3.2.2): an IPv6address (embedded IPv4 as `dec-octet`, no leading
  /// zeros) or an IPvFuture. The ABNF letter "v" matches either case (RFC 5234 §2.3).
  private func isIPLiteral(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    guard start < end else { return false }
    guard ASCII.lowercased(bytes[start]) == UInt8(ascii: "v") else {
      return IPAddress.isIPv6(bytes, from: start, to: end)
    }
    var index = start + 1
    while index < end, ASCII.isHexDigit(bytes[index]) { index += 1 }
    guard index > start + 1, index < end, bytes[index] == UInt8(ascii: ".") else { return false }
    index += 1
    guard index < end else { return false }
    let allowed = ASCIISet.userinfo  // unreserved / sub-delims / ":"
    for i in index..<end where !allowed.contains(bytes[i]) { return false }
    return true
  }

  /// Which characters a component admits, beyond `unreserved`, `pct-encoded` and `sub-delims`.
  private enum Component {
    case userinfo  // ":"
    case regName  // nothing more
    case path  // ":" "@" "/"
    case query  // ":" "@" "/" "?"; IRIs also iprivate
    case fragment  // ":" "@" "/" "?"
  }

  /// Scans characters of `component` from `start`, stopping at the first character it does not admit or at
  /// `limit`: the index where scanning stopped, or nil on a malformed percent-encoding or a non-ASCII character
  /// the component does not admit.
  private func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, allowing component: Component, until limit: Int? = nil
  ) -> Int? {
    let end = limit ?? bytes.count
    let allowed: ASCIISet
    switch component {
    case .userinfo: allowed = .userinfo
    case .regName: allowed = .regName
    case .path: allowed = .path
    case .query, .fragment: allowed = .queryOrFragment
    }
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        if allowed.contains(byte) {
          index += 1
        } else if byte == UInt8(ascii: "%") {
          guard bytes.hasPercentEncoding(at: index, end: end) else { return nil }
          index += 3
        } else {
          return index
        }
      } else {
        guard allowsUnicode else { return nil }
        let (scalar, length) = bytes.scalar(at: index)
        guard RFC3987.isUcschar(scalar) || (component == .query && RFC3987.isIprivate(scalar)) else { return nil }
        index += length
      }
    }
    return index
  }
}

/// A set of ASCII characters as a 128-bit mask, for the character classes of RFC 3986 §2.2-§2.3
/// (`pct-encoded` is scanned apart).
private struct ASCIISet {
  let low: UInt64
  let high: UInt64

  init(_ characters: String) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    for byte in characters.utf8 {
      if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }
    self.low = low
    self.high = high
  }

  @inline(__always) func contains(_ byte: UInt8) -> Bool {
    byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte &- 64)) != 0
  }

  /// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`
  private static let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
  /// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`
  private static let subDelims = "!$&'()*+,;="

  /// `reg-name` characters: unreserved / sub-delims.
  static let regName = ASCIISet(unreserved + subDelims)
  /// `userinfo` characters (also those of IPvFuture after its "."): unreserved / sub-delims / ":".
  static let userinfo = ASCIISet(unreserved + subDelims + ":")
  /// Path characters: `pchar` (unreserved / sub-delims / ":" / "@") and "/".
  static let path = ASCIISet(unreserved + subDelims + ":@/")
  /// `query` and `fragment` characters: pchar / "/" / "?".
  static let queryOrFragment = ASCIISet(unreserved + subDelims + ":@/?")
}

/// The non-ASCII character ranges of RFC 3987 §2.2.
enum RFC3987 {
  /// `ucschar = %xA0-D7FF / %xF900-FDCF / %xFDF0-FFEF / %x10000-1FFFD / %x20000-2FFFD / ... / %xD0000-DFFFD /
  /// %xE1000-EFFFD`
  static func isUcschar(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
    case 0x10000...0xDFFFD: return scalar & 0xFFFF <= 0xFFFD
    case 0xE1000...0xEFFFD: return true
    default: return false
    }
  }

  /// `iprivate = %xE000-F8FF / %xF0000-FFFFD / %x100000-10FFFD`
  static func isIprivate(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
    default: return false
    }
  }
}
