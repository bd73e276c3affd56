/// Turns the file's blocks into UTF-8: UTF-8 passes through (without its byte order mark), other
/// encodings are converted, and every sequence that could not be converted is kept with its
/// position in the decoded stream.
final class StreamDecoder {
  private let transcoder: Transcoder?
  private var pendingMark: [UInt8]
  /// Positions (in the decoded stream) and bytes of sequences the encoding does not define.
  private(set) var invalid: [RowChecker.InvalidBytes] = []
  /// At most this many are kept waiting to be taken (more could not be listed anyway); the rest
  /// are only counted.
  private let recordLimit: Int
  /// Invalid sequences counted but not kept.
  private var unrecorded = 0

  init(_ detection: EncodingDetection, recordLimit: Int = .max) throws {
    self.recordLimit = recordLimit
    transcoder = detection.encoding == .utf8 ? nil : try Transcoder(from: detection.encoding)
    pendingMark = detection.encoding.byteOrderMark
  }

  /// Decodes the next block and appends it to `output`.
  func decode(_ block: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    var block = block
    // The byte order mark is not part of the data; strip it from the start of the stream.
    if !pendingMark.isEmpty {
      if block.starts(with: pendingMark) { block = UnsafeBufferPointer(rebasing: block[pendingMark.count...]) }
      pendingMark = []
    }
    guard let transcoder else {
      output.append(contentsOf: block)
      return
    }
    transcoder.recordLimit = max(0, recordLimit - invalid.count)
    transcoder.convert(block, isFinal: false, into: &output)
    collectInvalid(transcoder)
  }

  /// Ends the stream: a sequence cut by the end of the file is invalid.
  func finish(into output: inout [UInt8]) {
    guard let transcoder else { return }
    transcoder.recordLimit = max(0, recordLimit - invalid.count)
    transcoder.convert(UnsafeBufferPointer(start: nil, count: 0), isFinal: true, into: &output)
    collectInvalid(transcoder)
  }

  private func collectInvalid(_ transcoder: Transcoder) {
    let (kept, uncounted) = transcoder.takeInvalidSequences()
    unrecorded += uncounted
    for sequence in kept {
      guard invalid.count < recordLimit else {
        unrecorded += 1
        continue
      }
      invalid.append(RowChecker.InvalidBytes(offset: sequence.outputOffset, bytes: sequence.bytes, span: 3))
    }
  }

  /// Hands over the count of invalid sequences that were not kept.
  func takeUnrecordedCount() -> Int {
    defer { unrecorded = 0 }
    return unrecorded
  }

  /// Removes and returns the invalid sequences before `offset` (of the decoded stream).
  func takeInvalid(before offset: Int) -> [RowChecker.InvalidBytes] {
    let split = invalid.firstIndex { $0.offset >= offset } ?? invalid.count
    defer { invalid.removeFirst(split) }
    return Array(invalid[..<split])
  }

  /// Whether the input is converted (so UTF-8 needs no separate check).
  var isTranscoding: Bool { transcoder != nil }
}
