/// `uri-template` (JSON Schema 2020-12 Validation §7.3.6): a URI Template of RFC 6570 §2, at any level (the
/// level 4 grammar contains the others).
///
/// ```
/// URI-Template  = *( literals / expression )
/// literals      = %x21 / %x23-24 / %x26 / %x28-3B / %x3D / %x3F-5B / %x5D / %x5F / %x61-7A / %x7E
///               / ucschar / iprivate / pct-encoded
/// expression    = "{" [ operator ] variable-list "}"
/// operator      = op-level2 / op-level3 / op-reserve
/// op-level2     = "+" / "#"
/// op-level3     = "." / "/" / ";" / "?" / "&"
/// op-reserve    = "=" / "," / "!" / "@" / "|"
/// variable-list = varspec *( "," varspec )
/// varspec       = varname [ modifier-level4 ]
/// varname       = varchar *( ["."] varchar )
/// varchar       = ALPHA / DIGIT / "_" / pct-encoded
/// modifier-level4 = prefix / explode
/// prefix        = ":" max-length
/// max-length    = %x31-39 0*3DIGIT   ; positive integer < 10000
/// explode       = "*"
/// ```
/// The apostrophe (%x27) is accepted in literals per the verified RFC 6570 Errata ID 6937, which corrects
/// `%x26 / %x28-3B` to `%x26-3B` (the apostrophe is a URI sub-delim). The operators of op-reserve are part of the
/// grammar, so they are accepted (RFC 6570 §2.2 reserves them for future extensions).
enum URITemplateFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      let end = bytes.count
      var index = 0
      while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "{") {
          guard let expressionEnd = expressionEnd(bytes, from: index + 1) else { return false }
          index = expressionEnd
        } else if byte == UInt8(ascii: "%") {
          guard bytes.hasPercentEncoding(at: index, end: end) else { return false }
          index += 3
        } else if byte < 0x80 {
          guard isLiteral(byte) else { return false }
          index += 1
        } else {
          let (scalar, length) = bytes.scalar(at: index)
          guard RFC3987.isUcschar(scalar) || RFC3987.isIprivate(scalar) else { return false }
          index += length
        }
      }
      return true
    }
  }

  /// ASCII `literals`: any printable character except SP, DQUOTE, "%", "<", ">", "\", "^", "`", "{", "|", "}"
  /// (the apostrophe is allowed, per Errata ID 6937).
  private static func isLiteral(_ byte: UInt8) -> Bool {
    guard byte > 0x20, byte < 0x7F else { return false }
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
      UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
      return false
    default:
      return true
    }
  }

  /// Scans an expression after its "{": the index after the closing "}", or nil.
  private static func expressionEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    let end = bytes.count
    var index = start
    guard index < end else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "+"), UInt8(ascii: "#"),
      UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "&"),
      UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "|"):
      index += 1
    default:
      break
    }
    while true {
      // varspec
      guard let nameEnd = varnameEnd(bytes, from: index) else { return nil }
      index = nameEnd
      guard index < end else { return nil }
      if bytes[index] == UInt8(ascii: "*") {
        index += 1
      } else if bytes[index] == UInt8(ascii: ":") {
        index += 1
        let digitsStart = index
        while index < end, index - digitsStart < 4, ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart, bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
      }
      guard index < end else { return nil }
      switch bytes[index] {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"): return index + 1
      default: return nil
      }
    }
  }

  /// Scans a `varname`: the index after it, or nil if there is none.
  private static func varnameEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    let end = bytes.count
    var index = start
    var expectsVarchar = true  // at the start and after a "."
    while index < end {
      let byte = bytes[index]
      if ASCII.isLetterOrDigit(byte) || byte == UInt8(ascii: "_") {
        index += 1
      } else if byte == UInt8(ascii: "%") {
        guard bytes.hasPercentEncoding(at: index, end: end) else { return nil }
        index += 3
      } else if byte == UInt8(ascii: "."), !expectsVarchar {
        index += 1
        expectsVarchar = true
        continue
      } else {
        break
      }
      expectsVarchar = false
    }
    return expectsVarchar ? nil : index
  }
}
