#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Converts a stream of bytes in one encoding to UTF-8, block by block, with the system's iconv.
/// A sequence that is not valid in the source encoding becomes U+FFFD in the output and is
/// recorded (with its bytes and where its replacement went), so the reader can report it at its
/// row and field instead of silently changing the data. A multi-byte sequence cut by a block
/// boundary is carried into the next block.
///
/// glibc's CP932 table matches Microsoft's (and Python's `cp932` codec) for every double-byte
/// code, including the NEC special characters (①, №, ㈱) and both IBM extension blocks; the only
/// difference is that it rejects the single bytes 0x80, 0xA0 and 0xFD to 0xFF, which CP932 does not
/// define as characters either.
final class Transcoder {
  /// A byte sequence the source encoding does not define.
  struct InvalidSequence: Sendable, Hashable {
    /// Where the replacement character was written, counted in UTF-8 bytes from the start of
    /// the converted stream.
    var outputOffset: Int
    /// The offending bytes (at most a few).
    var bytes: [UInt8]
  }

  struct UnsupportedEncoding: Error, CustomStringConvertible {
    let name: String
    var description: String { "the system cannot convert from \(name) (iconv_open failed)" }
  }

  private let descriptor: iconv_t
  private let encoding: TextEncoding
  private var pending: [UInt8] = []
  /// UTF-8 bytes produced so far.
  private(set) var producedCount = 0
  /// Invalid sequences found since they were last taken (`takeInvalidSequences`), at most
  /// `recordLimit` of them; the others are only counted.
  private var invalid: [InvalidSequence] = []
  var recordLimit = Int.max
  private(set) var unrecordedCount = 0

  init(from encoding: TextEncoding) throws {
    guard let name = encoding.iconvName else { throw UnsupportedEncoding(name: encoding.rawValue) }
    let cd = iconv_open("UTF-8", name)
    guard let cd, Int(bitPattern: cd) != -1 else { throw UnsupportedEncoding(name: name) }
    descriptor = cd
    self.encoding = encoding
  }

  deinit { iconv_close(descriptor) }

  /// Converts `input` (following everything converted before) and appends the UTF-8 to `output`.
  /// With `isFinal`, an incomplete sequence at the end is reported as invalid rather than kept.
  func convert(_ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]) {
    var source = pending
    pending = []
    source.append(contentsOf: input)
    guard !source.isEmpty else { return }
    output.reserveCapacity(output.count + source.count * 3 / 2 + 16)
    var chunk = [UInt8](repeating: 0, count: max(4096, source.count * 2))
    source.withUnsafeMutableBufferPointer { src in
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!)
        .assumingMemoryBound(to: CChar.self)
      var inLeft = src.count
      while inLeft > 0 {
        let (written, status) = chunk.withUnsafeMutableBufferPointer { out -> (Int, Int32) in
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = out.count
          let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
          return (out.count - outLeft, result == -1 ? errno : 0)
        }
        output.append(contentsOf: chunk[0..<written])
        producedCount += written
        switch status {
        case 0, E2BIG:
          continue
        case EINVAL where !isFinal:
          // An incomplete sequence at the end of the block: finish it with the next block.
          let consumed = src.count - inLeft
          pending = Array(src[consumed...])
          inLeft = 0
        default:
          // EILSEQ (or EINVAL at the very end): one byte is not valid here. Replace it and go on
          // with the next byte, so an ASCII delimiter after a broken lead byte is not swallowed.
          let consumed = src.count - inLeft
          let badLength = min(inLeft, badSequenceLength(src, at: consumed))
          if invalid.count < recordLimit {
            invalid.append(
              InvalidSequence(outputOffset: producedCount, bytes: Array(src[consumed..<(consumed + badLength)])))
          } else {
            unrecordedCount += 1
          }
          output.append(contentsOf: [0xEF, 0xBF, 0xBD])
          producedCount += 3
          inPointer = inPointer.map { $0 + badLength }
          inLeft -= badLength
          resetState()
        }
      }
    }
  }

  /// Hands over the invalid sequences found since the last call (and the count of those not
  /// kept).
  func takeInvalidSequences() -> (kept: [InvalidSequence], unrecorded: Int) {
    defer {
      invalid = []
      unrecordedCount = 0
    }
    return (invalid, unrecordedCount)
  }

  /// How many bytes to replace: a lead byte with a byte that can trail it (an undefined
  /// double-byte code), a whole UTF-16 unit (so the stream stays aligned), otherwise one byte, so
  /// that a delimiter or line break after a broken lead byte is read as itself.
  private func badSequenceLength(_ bytes: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
    let remaining = bytes.count - index
    guard remaining >= 2 else { return 1 }
    let (lead, trail) = (bytes[index], bytes[index + 1])
    switch encoding {
    case .utf16LE, .utf16BE:
      return 2
    case .shiftJIS:
      // Trail bytes are 0x40-0x7E and 0x80-0xFC; none of them is a delimiter, quote or line break.
      let isLead = (0x81...0x9F).contains(lead) || (0xE0...0xFC).contains(lead)
      let isTrail = (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail)
      return isLead && isTrail ? 2 : 1
    case .eucJP:
      return (0xA1...0xFE).contains(lead) && (0xA1...0xFE).contains(trail) ? 2 : 1
    case .utf8, .windows1252:
      return 1
    }
  }

  private func resetState() {
    iconv(descriptor, nil, nil, nil, nil)
  }
}
