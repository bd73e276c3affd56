/// Reads the records of a delimited text file for programs that use the data rather than check
/// it (the converter): the same decoding, delimiter and header detection as the validator, then
/// the data rows block by block in constant memory. Each block is handed over whole, so the
/// caller can turn its records into values on several threads.
public final class CSVRecordReader {
  public struct Options: Sendable {
    public var dialect: CSVDialect
    /// The encoding to read; nil to detect it.
    public var encoding: TextEncoding?
    /// Bytes read per block.
    public var blockSize: Int
    public var maxRecordBytes: Int

    public init(
      dialect: CSVDialect = CSVDialect(), encoding: TextEncoding? = nil, blockSize: Int = 8 << 20,
      maxRecordBytes: Int = 16 << 20
    ) {
      self.dialect = dialect
      self.encoding = encoding
      self.blockSize = max(4096, blockSize)
      self.maxRecordBytes = max(1024, maxRecordBytes)
    }
  }

  /// What the start of the file decided.
  public struct Layout: Sendable {
    public let encoding: EncodingDetection
    public let delimiter: UInt8
    /// The header's labels (empty when the file has no header row).
    public let labels: [String]
    /// The header's row number (1-based), 0 without a header.
    public let headerRow: Int
  }

  public let options: Options
  private let path: String?
  private let bytes: [UInt8]?

  public init(path: String, options: Options = Options()) {
    self.path = path
    bytes = nil
    self.options = options
  }

  public init(bytes: [UInt8], name: String? = nil, options: Options = Options()) {
    path = name
    self.bytes = bytes
    self.options = options
  }

  /// Reads the file: `start` gets the layout (or nil for an empty file) before any block; then
  /// `body` gets every block of data rows in order. Throws only when the file cannot be read, or
  /// what `start` and `body` throw.
  public func read(start: (Layout?) throws -> Void, _ body: (CSVRecordBlock) throws -> Void) throws {
    if let bytes {
      var source = MemoryByteSource(bytes)
      try run(&source, start: start, body)
    } else {
      var source = try FileByteSource(path: path ?? "-")
      try run(&source, start: start, body)
    }
  }

  private func run<Source: ByteSource>(
    _ source: inout Source, start: (Layout?) throws -> Void, _ body: (CSVRecordBlock) throws -> Void
  ) throws {
    var raw: [UInt8] = []
    var atEnd = try source.read(upTo: options.blockSize) { raw.append(contentsOf: $0) } < options.blockSize
    guard !raw.isEmpty else { return try start(nil) }
    let detection: EncodingDetection
    if let encoding = options.encoding {
      detection = EncodingDetection(
        encoding: encoding, byteOrderMark: !encoding.byteOrderMark.isEmpty && raw.starts(with: encoding.byteOrderMark),
        confidence: 1, evidence: "named")
    } else {
      let sample = Array(raw.prefix(EncodingDetector.sampleSize))
      detection = EncodingDetector.detect(sample, isWholeFile: atEnd && sample.count == raw.count)
    }
    let decoder = try StreamDecoder(detection, recordLimit: 1 << 16)
    var buffer: [UInt8] = []
    raw.withUnsafeBufferPointer { decoder.decode($0, into: &buffer) }
    if atEnd { decoder.finish(into: &buffer) }
    func readMore() throws {
      atEnd = try source.read(upTo: options.blockSize) { decoder.decode($0, into: &buffer) } < options.blockSize
      if atEnd { decoder.finish(into: &buffer) }
    }
    while !atEnd && buffer.count < 1 << 20 { try readMore() }
    guard !buffer.isEmpty else { return try start(nil) }
    // Delimiter and header from the first rows.
    let sampleSize = min(buffer.count, 64 << 10)
    let delimiter =
      options.dialect.delimiter
      ?? buffer.withUnsafeBufferPointer {
        DelimiterDetector.detect(
          UnsafeBufferPointer(rebasing: $0[..<sampleSize]), dialect: options.dialect,
          isWholeFile: atEnd && sampleSize == buffer.count)
      }
    let tokenizer = CSVTokenizer(dialect: options.dialect, delimiter: delimiter, maxRecordBytes: options.maxRecordBytes)
    let fields = FieldDecoder(dialect: options.dialect)
    let sample = buffer.withUnsafeBufferPointer {
      tokenizer.tokenize($0, from: 0, to: $0.count, isFinal: atEnd, maxRecords: DelimiterDetector.sampleRecords)
    }
    let sampleRows: [[String]] = buffer.withUnsafeBufferPointer { bytes in
      (0..<sample.count).map { record in
        sample.fields(ofRecord: record).map { fields.string(bytes, batch: sample, field: $0) }
      }
    }
    var headerIndex: Int?
    switch options.dialect.header {
    case .none: headerIndex = nil
    case .rows(let numbers): headerIndex = numbers.max().map { $0 - 1 }.flatMap { $0 < sampleRows.count ? $0 : nil }
    case .detect: headerIndex = sampleRows.isEmpty ? nil : HeaderDetector.headerIndex(sampleRows, fieldNames: nil)
    }
    let labels = headerIndex.map { sampleRows[$0].map { $0.trimmingSpaces } } ?? []
    try start(
      Layout(encoding: detection, delimiter: delimiter, labels: labels, headerRow: headerIndex.map { $0 + 1 } ?? 0))
    let dataIndex = headerIndex.map { $0 + 1 } ?? 0
    var position = dataIndex < sample.count ? Int(sample.recordStarts[dataIndex]) : sample.consumed
    var rowBase = dataIndex
    var lineBase = dataIndex < sample.count ? Int(sample.recordLines[dataIndex]) : sample.linesConsumed
    var bufferBase = 0
    while true {
      let batch = buffer.withUnsafeBufferPointer {
        tokenizer.tokenize($0, from: position, to: $0.count, isFinal: atEnd)
      }
      let invalid = decoder.takeInvalid(before: bufferBase + batch.consumed).map { $0.offset - bufferBase }
      if batch.count > 0 {
        let block = CSVRecordBlock(
          buffer: buffer, batch: batch, decoder: fields, firstRow: rowBase + 1, firstLine: lineBase + 1,
          invalidOffsets: invalid)
        try body(block)
      }
      rowBase += batch.count
      lineBase += batch.linesConsumed
      if atEnd { break }
      buffer.removeSubrange(0..<batch.consumed)
      bufferBase += batch.consumed
      position = 0
      try readMore()
    }
  }
}

/// Records of one block: their cells, row numbers (1-based, counting the header) and lines.
/// Safe to read from several threads at once.
public struct CSVRecordBlock: @unchecked Sendable {
  let buffer: [UInt8]
  let batch: RecordBatch
  let decoder: FieldDecoder
  public let firstRow: Int
  let firstLine: Int
  /// Records holding bytes the encoding does not define (read as U+FFFD).
  public let recordsWithInvalidBytes: Set<Int>

  init(
    buffer: [UInt8], batch: RecordBatch, decoder: FieldDecoder, firstRow: Int, firstLine: Int, invalidOffsets: [Int]
  ) {
    self.buffer = buffer
    self.batch = batch
    self.decoder = decoder
    self.firstRow = firstRow
    self.firstLine = firstLine
    var records = Set<Int>()
    for offset in invalidOffsets {
      var low = 0
      var high = batch.count - 1
      while low < high {
        let mid = (low + high + 1) / 2
        if Int(batch.recordStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
      }
      if batch.count > 0 { records.insert(low) }
    }
    recordsWithInvalidBytes = records
  }

  public var count: Int { batch.count }

  /// The row number of record `record` (1-based among all rows of the file, header included).
  public func row(_ record: Int) -> Int { firstRow + record }

  /// The line where record `record` starts (1-based).
  public func line(_ record: Int) -> Int { firstLine + Int(batch.recordLines[record]) }

  public func fieldCount(_ record: Int) -> Int { batch.fields(ofRecord: record).count }

  /// The cells of record `record`, decoded.
  public func cells(_ record: Int) -> [String] {
    let range = batch.fields(ofRecord: record)
    let scratch = ScratchBuffer(capacity: 256)
    return buffer.withUnsafeBufferPointer { bytes in
      withExtendedLifetime(scratch) {
        range.map { String(decoding: decoder.value(bytes, batch: batch, field: $0, scratch: scratch), as: UTF8.self) }
      }
    }
  }

  /// Hands the decoded bytes of each cell of record `record` to `body`, in order (valid during
  /// the call only): the cells without a string made for each.
  public func forEachCell(_ record: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    let range = batch.fields(ofRecord: record)
    let scratch = ScratchBuffer(capacity: 256)
    buffer.withUnsafeBufferPointer { bytes in
      withExtendedLifetime(scratch) {
        for field in range { body(decoder.value(bytes, batch: batch, field: field, scratch: scratch)) }
      }
    }
  }

  /// Whether every cell of record `record` is empty (a blank line).
  public func isBlank(_ record: Int) -> Bool {
    batch.fields(ofRecord: record).allSatisfy { batch.fieldEnds[$0] == batch.fieldStarts[$0] }
  }
}
