/// Finds byte sequences that are not well-formed UTF-8 (Unicode 15 §3.9, table 3-7): stray
/// continuation bytes, truncated sequences, overlong forms, surrogates and values above U+10FFFF.
/// Runs of ASCII are skipped eight bytes at a time.
enum UTF8Validator {
  /// An ill-formed sequence: where it starts and how many bytes belong to it (the maximal
  /// subpart, as Unicode's "U+FFFD substitution of maximal subparts" counts it).
  struct Invalid: Sendable, Hashable {
    var offset: Int
    var length: Int
  }

  /// The first ill-formed sequence in `bytes[from..<to]`, or nil when the range is valid.
  static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Invalid? {
    guard let base = bytes.baseAddress else { return nil }
    var i = from
    while i < end {
      let lead = base[i]
      if lead < 0x80 {
        // A run of ASCII, a word at a time.
        i += 1
        while i + 8 <= end {
          let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
          if word & 0x8080_8080_8080_8080 != 0 { break }
          i += 8
        }
        continue
      }
      // Three-byte sequences of the plain kind (leads E1-EC, EE, EF: kana and kanji) in one
      // 32-bit test: lead 1110xxxx, then two continuation bytes 10xxxxxx.
      if i + 4 <= end {
        let word = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
        if word & 0x00C0_C0F0 == 0x0080_80E0 && lead != 0xE0 && lead != 0xED {
          i += 3
          continue
        }
      }
      if lead >= 0xC2 && lead <= 0xDF && i + 1 < end && base[i + 1] & 0xC0 == 0x80 {
        i += 2
        continue
      }
      let length = sequenceLength(base, at: i, end: end)
      if length < 0 { return Invalid(offset: i, length: -length) }
      i += length
    }
    return nil
  }

  /// Every ill-formed sequence in the range.
  static func allInvalid(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> [Invalid] {
    var found: [Invalid] = []
    var start = from
    while let bad = firstInvalid(bytes, from: start, to: end) {
      found.append(bad)
      start = bad.offset + bad.length
    }
    return found
  }

  /// Whether `bytes` is well-formed UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    firstInvalid(bytes, from: 0, to: bytes.count) == nil
  }

  /// The length of the well-formed sequence starting at `i` (a non-ASCII lead byte), or minus
  /// the length of its maximal ill-formed subpart.
  @inline(__always)
  private static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, end: Int) -> Int {
    let lead = p[i]
    let need: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: need = 1
    case 0xE0:
      need = 2
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED:
      need = 2
      high = 0x9F
    case 0xF0:
      need = 3
      low = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4:
      need = 3
      high = 0x8F
    default: return -1
    }
    // The second byte has the lead's special range; later ones the plain continuation range.
    var j = 1
    while j <= need {
      guard i + j < end else { return -j }
      let byte = p[i + j]
      if j == 1 {
        guard byte >= low && byte <= high else { return -1 }
      } else {
        guard byte >= 0x80 && byte <= 0xBF else { return -j }
      }
      j += 1
    }
    return need + 1
  }
}
