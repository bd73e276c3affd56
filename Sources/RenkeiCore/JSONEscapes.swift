/// Decoding and encoding of JSON string escapes (RFC 8259 §7).
enum JSONEscapes {
  /// Decodes the content of a JSON string that the parser has already checked.
  /// An unpaired surrogate becomes U+FFFD (the parser reports it as a finding).
  static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      let c = raw[i]
      guard c == UInt8(ascii: "\\"), i + 1 < raw.count else {
        out.append(c)
        i += 1
        continue
      }
      let e = raw[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex4(raw, i)
        i += 4
        if (0xD800...0xDBFF).contains(scalar), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"),
          raw[i + 1] == UInt8(ascii: "u")
        {
          let low = hex4(raw, i + 2)
          if (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
        }
        appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
      default: out.append(e)  // \" \\ \/
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
    var value: UInt32 = 0
    for k in 0..<4 { value = value << 4 | UInt32(hexValue(raw[at + k])) }
    return value
  }

  @inline(__always)
  static func hexValue(_ c: UInt8) -> UInt8 {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return 0xFF
    }
  }

  static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    out.append(contentsOf: UTF8.encode(scalar)!)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `text` as the content of a JSON string: `"` and `\` and control characters
  /// escaped, everything else as UTF-8.
  static func escape<S: Sequence<UInt8>>(_ text: S, into out: inout [UInt8]) {
    for c in text {
      switch c {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
      case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
      case 0..<0x20:
        out += Array("\\u00".utf8)
        out.append(hexDigits[Int(c >> 4)])
        out.append(hexDigits[Int(c & 0xF)])
      default: out.append(c)
      }
    }
  }
}
