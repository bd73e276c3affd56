/// Records tokenized from a buffer of UTF-8 bytes, kept as flat arrays of offsets into that
/// buffer (structure of arrays: no per-record or per-field allocation).
struct RecordBatch: Sendable {
  /// How a record ended.
  enum Terminator: UInt8, Sendable {
    /// The end of the file.
    case none = 0
    case lineFeed = 1
    case carriageReturnLineFeed = 2
    case carriageReturn = 3
  }

  /// A field's flags.
  enum FieldFlag {
    /// The field was enclosed in quotes (its raw range includes them).
    static let quoted: UInt8 = 1
    /// The content has doubled quotes or escape characters to resolve.
    static let escaped: UInt8 = 2
    /// Text follows the closing quote, or the opening quote was read as a literal: the value is
    /// rebuilt from the raw bytes the lenient way (as Python's csv module does).
    static let irregular: UInt8 = 4
  }

  /// Something the tokenizer noticed about the syntax.
  struct Issue: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
      /// A quoted field is never closed (it runs to the end of the file or past the size limit);
      /// its opening quote is read as a literal character instead.
      case unclosedQuote
      /// A quote inside an unquoted field.
      case strayQuote
      /// Text between a closing quote and the next delimiter or line break.
      case textAfterClosingQuote
      /// A record longer than the size limit without a line break, cut at the limit.
      case recordTooLarge
    }

    var kind: Kind
    /// Where, in the buffer.
    var offset: Int
    /// Which record of the batch.
    var record: Int
  }

  /// Raw byte range of each field (with its quotes, if quoted).
  let fieldStarts: PackedArray<Int32>
  let fieldEnds: PackedArray<Int32>
  let fieldFlags: PackedArray<UInt8>
  /// For record `r`, its fields are `recordFieldStarts[r] ..< recordFieldStarts[r + 1]`.
  let recordFieldStarts: PackedArray<Int32>
  /// Byte offset where each record starts.
  let recordStarts: PackedArray<Int32>
  /// Line (0-based, counted from the start of the tokenized range) where each record starts.
  let recordLines: PackedArray<Int32>
  let recordTerminators: PackedArray<Terminator>
  var issues: [Issue] = []
  /// Where tokenizing stopped: after the last complete record.
  var consumed: Int = 0
  /// Line breaks passed up to `consumed` (inside quoted fields and between records).
  var linesConsumed: Int = 0
  /// Whether the last record was cut at the end of the bytes because it had no line break within
  /// the size limit: the rest of its line, in the next bytes, still belongs to it.
  var endsInsideRecord = false

  /// An empty batch with room for about `bytes` bytes of records.
  init(bytes: Int = 0) {
    let records = min(bytes, 64 << 20) / 64 + 16
    let fields = min(bytes, 64 << 20) / 8 + 16
    fieldStarts = PackedArray(capacity: fields)
    fieldEnds = PackedArray(capacity: fields)
    fieldFlags = PackedArray(capacity: fields)
    recordFieldStarts = PackedArray(capacity: records + 1)
    recordFieldStarts.append(0)
    recordStarts = PackedArray(capacity: records)
    recordLines = PackedArray(capacity: records)
    recordTerminators = PackedArray(capacity: records)
  }

  private init(copying other: RecordBatch) {
    fieldStarts = other.fieldStarts.copy()
    fieldEnds = other.fieldEnds.copy()
    fieldFlags = other.fieldFlags.copy()
    recordFieldStarts = other.recordFieldStarts.copy()
    recordStarts = other.recordStarts.copy()
    recordLines = other.recordLines.copy()
    recordTerminators = other.recordTerminators.copy()
    issues = other.issues
    consumed = other.consumed
    linesConsumed = other.linesConsumed
    endsInsideRecord = other.endsInsideRecord
  }

  /// An independent copy (batches share their storage otherwise).
  func copy() -> RecordBatch { RecordBatch(copying: self) }

  var count: Int { recordStarts.count }

  /// The field index range of record `r`.
  @inline(__always)
  func fields(ofRecord r: Int) -> Range<Int> {
    Int(recordFieldStarts[r])..<Int(recordFieldStarts[r + 1])
  }

  /// The field of record `r` that holds `offset` (the last one starting at or before it).
  func field(containing offset: Int, inRecord r: Int) -> Int? {
    var low = Int(recordFieldStarts[r])
    var high = Int(recordFieldStarts[r + 1]) - 1
    guard low <= high, Int(fieldStarts[low]) <= offset else { return nil }
    while low < high {
      let mid = (low + high + 1) / 2
      if Int(fieldStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Removes the fields from `field` on (to roll back an incomplete record).
  func removeFields(from field: Int) {
    fieldStarts.removeSuffix(from: field)
    fieldEnds.removeSuffix(from: field)
    fieldFlags.removeSuffix(from: field)
  }

  /// Removes every record from `record` on.
  mutating func truncate(toRecords record: Int) {
    removeFields(from: Int(recordFieldStarts[record]))
    recordFieldStarts.removeSuffix(from: record + 1)
    recordStarts.removeSuffix(from: record)
    recordLines.removeSuffix(from: record)
    recordTerminators.removeSuffix(from: record)
    issues.removeAll { $0.record >= record }
  }
}
