/// Which encoding a file was read in, and how sure renkei is about it.
public struct EncodingDetection: Sendable, Hashable {
  public var encoding: TextEncoding
  /// Whether the file starts with the encoding's byte order mark (it is not part of the data).
  public var byteOrderMark: Bool
  /// 0...1: 1 for a byte order mark or an encoding named by the user; lower when the bytes fit
  /// more than one encoding.
  public var confidence: Double
  /// Why, in English (e.g. "byte order mark", "valid UTF-8 with 1,204 non-ASCII characters").
  public var evidence: String

  public init(encoding: TextEncoding, byteOrderMark: Bool, confidence: Double, evidence: String) {
    self.encoding = encoding
    self.byteOrderMark = byteOrderMark
    self.confidence = confidence
    self.evidence = evidence
  }

  /// The confidence as a percentage, e.g. "99%".
  public var confidenceText: String { "\(Int((confidence * 100).rounded()))%" }
}

/// Guesses a file's encoding from its first bytes: a byte order mark decides; otherwise UTF-8 if
/// the bytes are well-formed UTF-8; otherwise the Japanese legacy encoding (Shift_JIS/CP932 or
/// EUC-JP) whose decoding has fewer invalid sequences and reads more like Japanese text
/// (kana, kanji and full-width forms rather than half-width katakana and rare symbols); when
/// neither decodes cleanly but Windows-1252 does, Windows-1252 (Western European files).
public enum EncodingDetector {
  /// How many bytes of a file are looked at.
  public static let sampleSize = 2 << 20
  /// How many bytes of a legacy-encoded sample are decoded to score the candidates.
  static let scoringSampleSize = 1 << 20

  /// `sample` is the start of the file; `isWholeFile` says whether it is all of it (then a
  /// sequence cut at the end is an error, not an artefact of sampling).
  public static func detect(_ sample: [UInt8], isWholeFile: Bool) -> EncodingDetection {
    if let bom = byteOrderMark(sample) { return bom }
    if let utf16 = utf16WithoutMark(sample) { return utf16 }
    let utf8 = utf8Evidence(sample, isWholeFile: isWholeFile)
    if utf8.invalid == 0 {
      if utf8.multiByte == 0 {
        return EncodingDetection(
          encoding: .utf8, byteOrderMark: false, confidence: 0.9,
          evidence: "only ASCII characters in the first \(Quantity.bytes(sample.count)); read as UTF-8")
      }
      // Legacy double-byte text is rarely also well-formed UTF-8, and less so the longer it is.
      let confidence = utf8.multiByte >= 8 ? 0.99 : 0.9
      return EncodingDetection(
        encoding: .utf8, byteOrderMark: false, confidence: confidence,
        evidence: "well-formed UTF-8 with \(Quantity.format(utf8.multiByte)) non-ASCII characters")
    }
    let slice = Array(sample.prefix(scoringSampleSize))
    let isWhole = isWholeFile && slice.count == sample.count
    let candidates = [TextEncoding.shiftJIS, .eucJP].map { score($0, slice, isWholeFile: isWhole) }
    let ranked = candidates.sorted { $0.total > $1.total }
    let (best, other) = (ranked[0], ranked[1])
    // UTF-8 with a few bad bytes (a damaged or concatenated file) is still UTF-8: the bad bytes
    // are reported where they are, rather than the whole file misread.
    if utf8.multiByte > 0 && utf8.invalid <= min(best.invalid, other.invalid) {
      return EncodingDetection(
        encoding: .utf8, byteOrderMark: false, confidence: 0.7,
        evidence:
          "UTF-8 with \(Quantity.format(utf8.multiByte)) non-ASCII characters but \(Quantity.format(utf8.invalid)) ill-formed "
          + "sequences; no more than as Shift_JIS (CP932) or EUC-JP")
    }
    if best.invalid > 0, score(.windows1252, slice, isWholeFile: isWhole).invalid == 0 {
      return EncodingDetection(
        encoding: .windows1252, byteOrderMark: false, confidence: 0.6,
        evidence:
          "not UTF-8 (\(Quantity.format(utf8.invalid)) ill-formed sequences) and not Japanese (\(best.encoding.displayName) "
          + "finds \(Quantity.format(best.invalid)) invalid sequences); decodes as Windows-1252 without errors")
    }
    var confidence: Double
    if best.invalid == 0 && other.invalid > 0 {
      confidence = 0.97
    } else if best.invalid == 0 {
      let margin = (best.total - other.total) / max(1, abs(best.total) + abs(other.total))
      confidence = min(0.95, 0.6 + margin * 0.4)
    } else {
      // Nothing decodes cleanly: the file mixes encodings or is not text.
      confidence = 0.3
    }
    if best.characters < 4 { confidence = min(confidence, 0.5) }
    var evidence = "not UTF-8 (\(Quantity.format(utf8.invalid)) ill-formed sequences); "
    evidence +=
      best.invalid == 0
      ? "decodes as \(best.encoding.displayName) without errors"
      : "decodes as \(best.encoding.displayName) with \(Quantity.format(best.invalid)) invalid sequences"
    evidence += other.invalid == 0 ? "" : ", as \(other.encoding.displayName) with \(Quantity.format(other.invalid))"
    return EncodingDetection(
      encoding: best.encoding, byteOrderMark: false, confidence: (confidence * 100).rounded() / 100,
      evidence: evidence)
  }

  /// The encoding a byte order mark names, if the sample starts with one.
  static func byteOrderMark(_ sample: [UInt8]) -> EncodingDetection? {
    for encoding in [TextEncoding.utf8, .utf16LE, .utf16BE] where sample.starts(with: encoding.byteOrderMark) {
      return EncodingDetection(
        encoding: encoding, byteOrderMark: true, confidence: 1, evidence: "\(encoding.displayName) byte order mark")
    }
    return nil
  }

  /// UTF-16 without a mark shows as NUL bytes in every other position (ASCII delimiters and digits).
  private static func utf16WithoutMark(_ sample: [UInt8]) -> EncodingDetection? {
    let pairs = min(sample.count / 2, 4096)
    guard pairs >= 4 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for index in 0..<pairs {
      if sample[2 * index] == 0 { evenZeros += 1 }
      if sample[2 * index + 1] == 0 { oddZeros += 1 }
    }
    let encoding: TextEncoding
    if oddZeros * 10 >= pairs * 3 && evenZeros * 20 < pairs {
      encoding = .utf16LE
    } else if evenZeros * 10 >= pairs * 3 && oddZeros * 20 < pairs {
      encoding = .utf16BE
    } else {
      return nil
    }
    return EncodingDetection(
      encoding: encoding, byteOrderMark: false, confidence: 0.8,
      evidence: "NUL bytes in every other position, as UTF-16 text without a byte order mark has")
  }

  private static func utf8Evidence(_ sample: [UInt8], isWholeFile: Bool) -> (invalid: Int, multiByte: Int) {
    sample.withUnsafeBufferPointer { bytes in
      var end = bytes.count
      if !isWholeFile {
        // Do not count a sequence cut by the end of the sample.
        var back = end - 1
        while back >= 0 && back > end - 4 && bytes[back] & 0xC0 == 0x80 { back -= 1 }
        if back >= 0 && bytes[back] >= 0xC0 { end = back }
      }
      let invalid = UTF8Validator.allInvalid(bytes, from: 0, to: end).count
      let multiByte = bytes[0..<end].count { $0 >= 0xC0 }
      return (invalid, multiByte)
    }
  }

  struct Score {
    var encoding: TextEncoding
    var invalid: Int
    var characters: Int
    var total: Double
  }

  /// Decodes the sample and scores how much it reads like Japanese text.
  static func score(_ encoding: TextEncoding, _ sample: [UInt8], isWholeFile: Bool) -> Score {
    guard let transcoder = try? Transcoder(from: encoding) else {
      return Score(encoding: encoding, invalid: .max, characters: 0, total: -.infinity)
    }
    var output: [UInt8] = []
    sample.withUnsafeBufferPointer { transcoder.convert($0, isFinal: isWholeFile, into: &output) }
    let taken = transcoder.takeInvalidSequences()
    let invalid = taken.kept.count + taken.unrecorded
    var total = Double(invalid) * -20
    var characters = 0
    for scalar in String(decoding: output, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
      characters += 1
      switch scalar.value {
      case 0x3040...0x30FF: total += 2  // hiragana, katakana
      case 0x4E00...0x9FFF: total += 1  // CJK unified ideographs
      case 0x3000...0x303F, 0xFF01...0xFF60: total += 1  // CJK punctuation, full-width forms
      case 0xFF61...0xFF9F: total -= 0.5  // half-width katakana: what EUC-JP bytes look like as CP932
      case 0xFFFD: break
      default: total -= 1
      }
    }
    return Score(encoding: encoding, invalid: invalid, characters: characters, total: total)
  }
}
