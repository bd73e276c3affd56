/// Splits UTF-8 bytes into records and fields (RFC 4180, read the lenient way real files need):
/// records end at CRLF, LF or a lone CR; quoted fields may hold delimiters, line breaks and
/// doubled quotes; a quote inside an unquoted field and text after a closing quote are kept as
/// text (as Python's csv module reads them) and noted as issues; a quoted field that is never
/// closed has its opening quote read as a literal character, so one stray quote cannot swallow
/// the rest of the file.
///
/// The tokenizer only records byte ranges: values are decoded later, and only where needed.
struct CSVTokenizer: Sendable {
  let delimiter: UInt8
  let quote: UInt8?
  let escape: UInt8?
  let doubleQuote: Bool
  let skipInitialSpace: Bool
  /// A record longer than this is cut (unquoted) or has its open quote read literally (quoted).
  let maxRecordBytes: Int
  /// Byte classes: 0 plain, then the constants below.
  private let classes: [UInt8]
  /// The special bytes repeated in every byte of a word, for skipping eight plain bytes at a time.
  private let delimiterWord: UInt64
  private let quoteWord: UInt64
  private let escapeWord: UInt64
  private let hasEscape: Bool

  /// Unclosed quotes recovered one by one in a record before all its quotes are read as text.
  private static let maxRecoveries = 16
  /// In `literalQuotes`: every quote of the record is literal.
  private static let everyQuote = -1
  private static let delimiterClass: UInt8 = 1
  private static let quoteClass: UInt8 = 2
  private static let carriageReturnClass: UInt8 = 3
  private static let lineFeedClass: UInt8 = 4
  private static let escapeClass: UInt8 = 5

  init(dialect: CSVDialect, delimiter: UInt8, maxRecordBytes: Int = 16 << 20) {
    self.delimiter = delimiter
    quote = dialect.quoteChar
    escape = dialect.escapeChar
    doubleQuote = dialect.doubleQuote
    skipInitialSpace = dialect.skipInitialSpace
    self.maxRecordBytes = maxRecordBytes
    var classes = [UInt8](repeating: 0, count: 256)
    classes[Int(delimiter)] = Self.delimiterClass
    if let quote { classes[Int(quote)] = Self.quoteClass }
    if let escape = dialect.escapeChar { classes[Int(escape)] = Self.escapeClass }
    classes[0x0D] = Self.carriageReturnClass
    classes[0x0A] = Self.lineFeedClass
    self.classes = classes
    let ones: UInt64 = 0x0101_0101_0101_0101
    delimiterWord = UInt64(delimiter) &* ones
    // Without a quote or escape character, a line feed stands in (it is special anyway).
    quoteWord = UInt64(dialect.quoteChar ?? 0x0A) &* ones
    escapeWord = UInt64(dialect.escapeChar ?? 0x0A) &* ones
    hasEscape = dialect.escapeChar != nil
  }

  /// Bits set at the bytes of `word` equal to the byte repeated in `pattern` (the lowest set bit
  /// is exact; higher ones may be false alarms, so only the lowest is used).
  @inline(__always)
  private static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = word ^ pattern
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
  }

  /// Bits set at the bytes of `word` below 0x0E (CR, LF and other control characters); again
  /// only the lowest set bit is exact.
  @inline(__always)
  private static func controls(_ word: UInt64) -> UInt64 {
    (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
  }

  /// The offset of the first byte at or after `i` that may be special (the delimiter when
  /// `delimiters`, quote, escape, CR, LF), skipping plain bytes eight at a time. Other control
  /// characters stop the skip too; the caller reads them as plain bytes.
  @inline(__always)
  private func skipPlain(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, delimiters: Bool) -> Int {
    var i = start
    while i + 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
      var hits = Self.controls(word) | Self.matches(word, quoteWord)
      if delimiters { hits |= Self.matches(word, delimiterWord) }
      if hasEscape { hits |= Self.matches(word, escapeWord) }
      if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
      i += 8
    }
    return i
  }

  /// Tokenizes the records of `buffer[start..<end]`.
  ///
  /// Without `isFinal`, a record still open at `end` is left out (`consumed` stops before it)
  /// unless it has grown beyond `maxRecordBytes`; with `isFinal`, `end` is the end of the file and
  /// closes the last record. At most `maxRecords` records are read.
  func tokenize(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isFinal: Bool, maxRecords: Int = .max
  ) -> RecordBatch {
    var batch = RecordBatch(bytes: end - start)
    batch.consumed = start
    guard let p = buffer.baseAddress, start < end else { return batch }
    classes.withUnsafeBufferPointer { table in
      let cls = table.baseAddress!
      var position = start
      var line = 0
      // Opening quotes of the current record that are read as literal characters.
      var literalQuotes: [Int] = []
      while position < end && batch.count < maxRecords {
        let outcome = record(
          p, cls, from: position, to: end, line: line, isFinal: isFinal, literalQuotes: literalQuotes, into: &batch)
        switch outcome {
        case .complete(let next, let nextLine):
          position = next
          line = nextLine
          literalQuotes = []
          batch.consumed = next
          batch.linesConsumed = nextLine
        case .incomplete(let openQuote):
          let oversized = end - position > maxRecordBytes
          if let openQuote, isFinal || oversized {
            // A quoted field that never closes: read its quote as text and try the record again.
            // After a few, every quote of the record is read as text, so junk cannot make this slow.
            batch.issues.append(.init(kind: .unclosedQuote, offset: openQuote, record: batch.count))
            literalQuotes.append(literalQuotes.count < Self.maxRecoveries ? openQuote : Self.everyQuote)
            continue
          }
          if oversized {
            // No line break within the limit: end the record here.
            let outcome = record(
              p, cls, from: position, to: end, line: line, isFinal: true, literalQuotes: literalQuotes, into: &batch)
            batch.issues.append(.init(kind: .recordTooLarge, offset: position, record: batch.count - 1))
            if case .complete(_, let nextLine) = outcome { line = nextLine }
            position = end
            literalQuotes = []
            batch.consumed = end
            batch.linesConsumed = line
            batch.endsInsideRecord = !isFinal
            continue
          }
          return
        }
      }
    }
    return batch
  }

  private enum RecordOutcome {
    /// The record ended; the next one starts at `next`, on line `nextLine`.
    case complete(next: Int, nextLine: Int)
    /// The bytes ran out inside the record (inside the quoted field opened at `openQuote`, if any).
    case incomplete(openQuote: Int?)
  }

  /// Reads one record starting at `start`, appending it to `batch` when it is complete.
  @inline(__always)
  private func record(
    _ p: UnsafePointer<UInt8>, _ cls: UnsafePointer<UInt8>, from start: Int, to end: Int, line startLine: Int,
    isFinal: Bool, literalQuotes: [Int], into batch: inout RecordBatch
  ) -> RecordOutcome {
    let recordIndex = batch.count
    let firstIssue = batch.issues.count
    var i = start
    var line = startLine
    var fieldCount = 0

    func rollback() -> RecordOutcome {
      batch.removeFields(from: Int(batch.recordFieldStarts[recordIndex]))
      batch.issues.removeSubrange(firstIssue...)
      return .incomplete(openQuote: nil)
    }

    func finish(next: Int, terminator: RecordBatch.Terminator, nextLine: Int) -> RecordOutcome {
      batch.recordStarts.append(Int32(start))
      batch.recordLines.append(Int32(startLine))
      batch.recordTerminators.append(terminator)
      batch.recordFieldStarts.append(Int32(batch.fieldStarts.count))
      return .complete(next: next, nextLine: nextLine)
    }

    while true {
      // Start of a field.
      if skipInitialSpace { while i < end && p[i] == 0x20 { i += 1 } }
      let fieldStart = i
      var flags: UInt8 = 0
      if i >= end {
        guard isFinal else { return rollback() }
        if fieldCount > 0 || i > start {
          appendField(fieldStart, i, flags, into: &batch)
        }
        return finish(next: i, terminator: .none, nextLine: line)
      }
      var kind = cls[Int(p[i])]
      if kind == Self.quoteClass && (literalQuotes.isEmpty || !isLiteral(i, literalQuotes)) {
        // Quoted field.
        flags = RecordBatch.FieldFlag.quoted
        let openQuote = i
        i += 1
        var closed = false
        while i < end {
          i = skipPlain(p, from: i, to: end, delimiters: false)
          if i >= end { break }
          let k = cls[Int(p[i])]
          if k == 0 || k == Self.delimiterClass {
            i += 1
            continue
          }
          if k == Self.lineFeedClass {
            line += 1
            i += 1
          } else if k == Self.carriageReturnClass {
            if i + 1 < end && p[i + 1] != 0x0A { line += 1 }
            if i + 1 >= end && isFinal { line += 1 }
            i += 1
          } else if k == Self.escapeClass {
            flags |= RecordBatch.FieldFlag.escaped
            if i + 1 < end && p[i + 1] == 0x0A { line += 1 }
            i = min(i + 2, end)
          } else {
            // A quote: doubled, or the closing one.
            if i + 1 < end {
              if doubleQuote && p[i + 1] == quote! {
                flags |= RecordBatch.FieldFlag.escaped
                i += 2
                continue
              }
            } else if !isFinal {
              // Cannot tell a closing quote from the first of a doubled pair yet.
              _ = rollback()
              return .incomplete(openQuote: openQuote)
            }
            i += 1
            closed = true
            break
          }
        }
        if !closed {
          _ = rollback()
          return .incomplete(openQuote: openQuote)
        }
        if i < end {
          kind = cls[Int(p[i])]
          if kind != Self.delimiterClass && kind != Self.carriageReturnClass && kind != Self.lineFeedClass {
            // Text after the closing quote: keep it, as far as the next delimiter or line break.
            batch.issues.append(.init(kind: .textAfterClosingQuote, offset: i, record: recordIndex))
            flags |= RecordBatch.FieldFlag.irregular
            i = scanUnquoted(p, cls, from: i, to: end, recordIndex: recordIndex, flags: &flags, into: &batch)
          }
        }
      } else {
        if kind == Self.quoteClass {
          // An unclosed quote read as a literal character.
          flags |= RecordBatch.FieldFlag.irregular
          i += 1
        }
        i = scanUnquoted(p, cls, from: i, to: end, recordIndex: recordIndex, flags: &flags, into: &batch)
      }
      // The field ends at a delimiter, a line break or the end of the bytes.
      if i >= end {
        guard isFinal else { return rollback() }
        appendField(fieldStart, i, flags, into: &batch)
        return finish(next: i, terminator: .none, nextLine: line)
      }
      let byte = p[i]
      if byte == delimiter {
        appendField(fieldStart, i, flags, into: &batch)
        fieldCount += 1
        i += 1
        continue
      }
      // A line break ends the record; an empty line is a record without fields.
      if fieldCount > 0 || i > start {
        appendField(fieldStart, i, flags, into: &batch)
      }
      if byte == 0x0A {
        return finish(next: i + 1, terminator: .lineFeed, nextLine: line + 1)
      }
      // Carriage return: CRLF, or a lone CR (old Mac files).
      if i + 1 < end {
        if p[i + 1] == 0x0A {
          return finish(next: i + 2, terminator: .carriageReturnLineFeed, nextLine: line + 1)
        }
        return finish(next: i + 1, terminator: .carriageReturn, nextLine: line + 1)
      }
      guard isFinal else { return rollback() }
      return finish(next: i + 1, terminator: .carriageReturn, nextLine: line + 1)
    }
  }

  /// Whether the quote at `offset` is read as an ordinary character.
  private func isLiteral(_ offset: Int, _ literalQuotes: [Int]) -> Bool {
    literalQuotes.last == Self.everyQuote || literalQuotes.contains(offset)
  }

  /// Scans the rest of an unquoted field: up to a delimiter, a line break or `end`.
  @inline(__always)
  private func scanUnquoted(
    _ p: UnsafePointer<UInt8>, _ cls: UnsafePointer<UInt8>, from start: Int, to end: Int, recordIndex: Int,
    flags: inout UInt8, into batch: inout RecordBatch
  ) -> Int {
    var i = start
    while i < end {
      i = skipPlain(p, from: i, to: end, delimiters: true)
      if i >= end { break }
      let k = cls[Int(p[i])]
      if k == 0 {
        i += 1
        continue
      }
      if k == Self.quoteClass {
        if flags & RecordBatch.FieldFlag.irregular == 0 {
          batch.issues.append(.init(kind: .strayQuote, offset: i, record: recordIndex))
        }
        i += 1
        continue
      }
      if k == Self.escapeClass {
        flags |= RecordBatch.FieldFlag.escaped
        i = min(i + 2, end)
        continue
      }
      break
    }
    return i
  }

  @inline(__always)
  private func appendField(_ start: Int, _ end: Int, _ flags: UInt8, into batch: inout RecordBatch) {
    batch.fieldStarts.append(Int32(start))
    batch.fieldEnds.append(Int32(end))
    batch.fieldFlags.append(flags)
  }
}
