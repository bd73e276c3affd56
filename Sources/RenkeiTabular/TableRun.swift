import Dispatch
import RenkeiCore

#if os(Linux)
  /// glibc's `malloc_trim` (malloc.h is not in the Glibc module).
  @_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif

/// One validation of one table: reads the source block by block, decodes it, finds the delimiter
/// and the header in the first block, then tokenizes and checks the rest in parts on all cores.
///
/// A block is split into parts at line breaks, and each part is tokenized on its own thread as if
/// a row started there. A line break inside a quoted field makes that guess wrong for the next
/// part; the parts are then checked in order, and a part whose guessed start is not where the
/// previous part really ended is tokenized again from the right place. Rows are numbered and
/// checked (again on all cores) only once the parts are known to be right.
final class TableRun {
  private let options: TableValidator.Options
  /// The run's schema; a profile's plan may replace it once the header is read.
  private var schema: CompiledTableSchema?
  private let file: String?
  /// Findings before the first data row (file, preamble, header).
  private var leading: [Finding] = []
  /// Findings of data rows, in row order.
  private var rows: [Finding] = []
  private var dataRows = 0
  private var tally = TerminatorTally()
  /// Keeps at most `maxFindingsPerRule` findings of each rule for the whole file.
  private var limiter: FindingLimiter
  /// Parts smaller than this are not split further.
  private let minimumPartSize = 256 << 10

  init(options: TableValidator.Options, schema: CompiledTableSchema?, file: String?) {
    self.options = options
    self.schema = schema
    self.file = file
    limiter = FindingLimiter(limit: options.maxFindingsPerRule)
  }

  func run<Source: ByteSource>(_ source: inout Source) throws(TableReadError) -> TableReport {
    guard var input = try start(&source) else { return emptyReport(encoding: nil) }
    guard var table = preamble(input) else { return emptyReport(encoding: input.detection) }
    // The data, block by block.
    var region = table.region
    var bufferBase = 0
    while true {
      let consumed = process(
        &input.buffer, region: region, bufferBase: bufferBase, final: input.atEnd, table.tokenizer, table.checker,
        input.decoder, &table.keys)
      region.rowBase = consumed.rowBase
      region.lineBase = consumed.lineBase
      region.skippingRestOfLine = consumed.skippingRestOfLine
      limiter.drop(TabularRules.encodingError, count: input.decoder.takeUnrecordedCount())
      if input.atEnd { break }
      #if os(Linux)
        // The workers' arenas keep the freed batches of each block as scattered free pages that
        // count in the peak RSS; handing them back once a block costs little.
        _ = mallocTrim(0)
      #endif
      input.buffer.removeSubrange(0..<consumed.offset)
      bufferBase += consumed.offset
      region.start = 0
      try input.read(&source, blockSize: options.blockSize)
    }
    var foreign: [Finding] = []
    table.keys.finish(into: &foreign)
    rows = Self.merge(rows, foreign.filter { limiter.admit($0) })
    leading += lineEndingFindings() + limiter.summaries(file: file)
    return TableReport(
      file: file, findings: leading + rows, rowCount: dataRows, encoding: input.detection,
      delimiter: table.tokenizer.delimiter, headerRows: table.headerIndexes.map { $0 + 1 }, labels: table.labels)
  }

  // MARK: - Start

  /// The decoded input so far.
  private struct Input {
    var buffer: [UInt8] = []
    var atEnd: Bool
    let detection: EncodingDetection
    let decoder: StreamDecoder

    /// Reads and decodes the next block.
    mutating func read<Source: ByteSource>(_ source: inout Source, blockSize: Int) throws(TableReadError) {
      let decoder = self.decoder
      atEnd = try source.read(upTo: blockSize) { decoder.decode($0, into: &buffer) } < blockSize
      if atEnd { decoder.finish(into: &buffer) }
    }
  }

  /// Reads the first block, finds the encoding, and decodes at least 1 MiB (or the whole file),
  /// so the header and the sample rows are complete. nil for an empty file.
  private func start<Source: ByteSource>(_ source: inout Source) throws(TableReadError) -> Input? {
    var raw: [UInt8] = []
    let atEnd = try source.read(upTo: options.blockSize) { raw.append(contentsOf: $0) } < options.blockSize
    guard !raw.isEmpty else { return nil }
    let detection = detectEncoding(raw, isWholeFile: atEnd)
    var encodingFinding = TabularRules.encoding.finding(
      at: SourceLocation(file: file),
      [
        "encoding": detection.encoding.displayName + (detection.byteOrderMark ? " with a byte order mark" : ""),
        "confidence": detection.confidenceText, "evidence": detection.evidence,
      ])
    // The hint to name the encoding is only worth showing when the guess is uncertain.
    if detection.confidence >= 0.9 { encodingFinding.fixHint = nil }
    leading.append(encodingFinding)
    let decoder: StreamDecoder
    do {
      let limit = options.maxFindingsPerRule
      decoder = try StreamDecoder(detection, recordLimit: limit > 0 ? max(4 * limit, 4096) : .max)
    } catch {
      throw TableReadError(path: file ?? "-", reason: "\(error)")
    }
    var input = Input(atEnd: atEnd, detection: detection, decoder: decoder)
    raw.withUnsafeBufferPointer { decoder.decode($0, into: &input.buffer) }
    if atEnd { decoder.finish(into: &input.buffer) }
    while !input.atEnd && input.buffer.count < 1 << 20 { try input.read(&source, blockSize: options.blockSize) }
    return input
  }

  // MARK: - Preamble

  /// What the first rows decided: how to read the rest, and where the data starts.
  private struct Table {
    let tokenizer: CSVTokenizer
    let checker: RowChecker
    var keys: KeyTracker
    let headerIndexes: [Int]
    let labels: [String]?
    let region: Region
  }

  /// Finds the delimiter and the header in the first rows, checks the header against the schema
  /// and the rows above it; nil when the input holds no row at all.
  private func preamble(_ input: Input) -> Table? {
    let buffer = input.buffer
    guard !buffer.isEmpty else { return nil }
    let sampleSize = min(buffer.count, 64 << 10)
    let delimiter =
      options.dialect.delimiter
      ?? buffer.withUnsafeBufferPointer {
        DelimiterDetector.detect(
          UnsafeBufferPointer(rebasing: $0[..<sampleSize]), dialect: options.dialect,
          isWholeFile: input.atEnd && sampleSize == buffer.count)
      }
    let tokenizer = CSVTokenizer(dialect: options.dialect, delimiter: delimiter, maxRecordBytes: options.maxRecordBytes)
    let fields = FieldDecoder(dialect: options.dialect)
    // Enough rows to find the header in, and to reach a header named far down.
    var sampleRecords = DelimiterDetector.sampleRecords
    if case .rows(let numbers) = options.dialect.header { sampleRecords = max(sampleRecords, (numbers.max() ?? 0) + 1) }
    let sample = buffer.withUnsafeBufferPointer {
      tokenizer.tokenize($0, from: 0, to: $0.count, isFinal: input.atEnd, maxRecords: sampleRecords)
    }
    if sample.count == 0 && input.atEnd { return nil }
    if case .rows(let numbers) = options.dialect.header, let last = numbers.max(), last > sample.count {
      leading.append(
        TabularRules.headerRowMissing.finding(
          at: SourceLocation(file: file), ["headerRow": String(last), "rows": Quantity.of(sample.count, "row")]))
    }
    let sampleRows: [[String]] = buffer.withUnsafeBufferPointer { bytes in
      (0..<sample.count).map { record in
        sample.fields(ofRecord: record).map { fields.string(bytes, batch: sample, field: $0) }
      }
    }
    let headerIndexes = headerRows(sampleRows)
    let dataIndex = min(headerIndexes.last.map { $0 + 1 } ?? 0, sample.count)
    let labels: [String]? = headerIndexes.isEmpty ? nil : joinLabels(headerIndexes.map { sampleRows[$0] })
    let position = headerIndexes.last.map { index in
      HeaderCheck.Position(
        file: file, row: index + 1, line: Int(sample.recordLines[index]) + 1,
        labelColumns: buffer.withUnsafeBufferPointer { labelColumns($0, sample, index) })
    }
    var plan: TablePlan? = nil
    if let profile = options.profile {
      let header = TableHeader(
        file: file, labels: labels, row: position?.row, line: position?.line, labelColumns: position?.labelColumns ?? []
      )
      plan = profile.plan(for: header)
      if let planned = plan?.schema { schema = CompiledTableSchema(planned) }
    }
    var (layout, headerFindings) = HeaderCheck(schema: schema, defaultMissingValues: [""])
      .evaluate(labels: labels, at: position, inferredWidth: HeaderDetector.modalWidth(Array(sampleRows[dataIndex...])))
    let keys = KeyTracker(schema: schema?.schema, layout: &layout, file: file)
    let checker = RowChecker(
      layout: layout, decoder: fields, file: file,
      commentPrefix: options.dialect.commentChar.map { Array($0.utf8) }, commentRows: options.dialect.commentRows,
      encoding: input.detection.encoding, validatesUTF8: !input.decoder.isTranscoding,
      maxRecordBytes: options.maxRecordBytes, findingLimit: options.maxFindingsPerRule,
      cellChecks: (0..<layout.width).map { plan?.cellChecks[$0] })
    leading.append(
      TabularRules.dialect.finding(
        at: SourceLocation(file: file),
        [
          "delimiter": CSVDialect.describe(delimiter: delimiter), "columns": String(layout.width),
          "header": headerDescription(headerIndexes),
        ]))
    for (field, constraint) in schema?.unevaluatedConstraints ?? [] {
      leading.append(
        TabularRules.constraintNotChecked.finding(
          at: SourceLocation(file: file, field: field), ["field": field, "constraint": constraint]))
    }
    // The rows above the data: their bytes and quoting, and title rows above the header.
    let dataStart = dataIndex < sample.count ? Int(sample.recordStarts[dataIndex]) : sample.consumed
    if dataIndex > 0 {
      var rowsAbove = sample.copy()
      rowsAbove.truncate(toRecords: dataIndex)
      rowsAbove.consumed = dataStart
      let invalid = input.decoder.takeInvalid(before: dataStart)
      let output = buffer.withUnsafeBufferPointer {
        checker.check($0, batch: rowsAbove, firstRow: 1, firstLine: 1, decoded: invalid, structureOnly: true)
      }
      leading += output.findings.filter { limiter.admit($0) }
      limiter.absorb(output.limiter)
      tally.merge(output.terminators)
      for index in 0..<(headerIndexes.first ?? 0) {
        leading.append(titleRow(index, sampleRows[index], sample, headerIndexes))
      }
    }
    leading += headerFindings + (plan?.findings ?? [])
    let region = Region(
      start: dataStart, rowBase: dataIndex,
      lineBase: dataIndex < sample.count ? Int(sample.recordLines[dataIndex]) : sample.linesConsumed)
    return Table(
      tokenizer: tokenizer, checker: checker, keys: keys, headerIndexes: headerIndexes, labels: labels, region: region)
  }

  // MARK: - Blocks

  /// Where the unchecked data starts in the buffer, and how many rows and lines lie before it.
  private struct Region {
    var start: Int
    var rowBase: Int
    var lineBase: Int
    /// The previous row was cut for its length: the bytes up to the next line break are its rest.
    var skippingRestOfLine = false
  }

  private struct Progress {
    var offset: Int
    var rowBase: Int
    var lineBase: Int
    var skippingRestOfLine: Bool
  }

  /// Tokenizes and checks `buffer[region.start...]`; returns where the complete rows end.
  private func process(
    _ buffer: inout [UInt8], region given: Region, bufferBase: Int, final: Bool, _ tokenizer: CSVTokenizer,
    _ checker: RowChecker, _ decoder: StreamDecoder, _ keys: inout KeyTracker
  ) -> Progress {
    let end = buffer.count
    var region = given
    if region.skippingRestOfLine {
      // The rest of a row cut for its length: drop it, up to and including its line break.
      let lineEnd = buffer.withUnsafeBufferPointer { bytes in
        (region.start..<end).first { bytes[$0] == 0x0A || bytes[$0] == 0x0D }
      }
      guard let lineEnd else {
        _ = decoder.takeInvalid(before: bufferBase + end)
        return Progress(offset: end, rowBase: region.rowBase, lineBase: region.lineBase, skippingRestOfLine: !final)
      }
      let afterBreak =
        buffer[lineEnd] == 0x0D && lineEnd + 1 < end && buffer[lineEnd + 1] == 0x0A ? lineEnd + 2 : lineEnd + 1
      _ = decoder.takeInvalid(before: bufferBase + afterBreak)
      region.start = afterBreak
      region.lineBase += 1
      region.skippingRestOfLine = false
    }
    guard region.start < end else {
      return Progress(
        offset: region.start, rowBase: region.rowBase, lineBase: region.lineBase, skippingRestOfLine: false)
    }
    let parts = buffer.withUnsafeBufferPointer { splitPoints($0, from: region.start, to: end) }
    let lastPart = parts.count - 1
    let (batches, outputs): ([RecordBatch], [RowChecker.Output]) = buffer.withUnsafeBufferPointer { bytes in
      let shared = SharedBytes(buffer: bytes)
      // Phase 1: tokenize every part, guessing that a row starts where it does.
      let guessed = ResultSlots<RecordBatch>(count: parts.count)
      DispatchQueue.concurrentPerform(iterations: parts.count) { index in
        let part = parts[index]
        guessed.store(
          tokenizer.tokenize(
            shared.buffer, from: part.lowerBound, to: part.upperBound, isFinal: final && index == lastPart),
          at: index)
      }
      // Phase 2: keep the guesses that were right; tokenize the others again from the right place.
      var batches: [RecordBatch] = []
      var position = region.start
      for (index, batch) in guessed.values.enumerated() {
        if parts[index].lowerBound == position {
          batches.append(batch)
        } else {
          batches.append(
            tokenizer.tokenize(bytes, from: position, to: parts[index].upperBound, isFinal: final && index == lastPart))
        }
        position = batches[batches.count - 1].consumed
      }
      // Phase 3: number the rows and check them.
      var rowBases: [Int] = []
      var lineBases: [Int] = []
      var row = region.rowBase
      var line = region.lineBase
      for batch in batches {
        rowBases.append(row)
        lineBases.append(line)
        row += batch.count
        line += batch.linesConsumed
      }
      var invalid: [[RowChecker.InvalidBytes]] = []
      for batch in batches {
        let taken = decoder.takeInvalid(before: bufferBase + batch.consumed)
        invalid.append(
          taken.map { RowChecker.InvalidBytes(offset: $0.offset - bufferBase, bytes: $0.bytes, span: $0.span) })
      }
      let checked = ResultSlots<RowChecker.Output>(count: batches.count)
      let (frozen, firstRows, firstLines, decoded) = (batches, rowBases, lineBases, invalid)
      DispatchQueue.concurrentPerform(iterations: frozen.count) { index in
        checked.store(
          checker.check(
            shared.buffer, batch: frozen[index], firstRow: firstRows[index] + 1, firstLine: firstLines[index] + 1,
            decoded: decoded[index]),
          at: index)
      }
      return (batches, checked.values)
    }
    var keyFindings: [Finding] = []
    var regionFindings: [Finding] = []
    for output in outputs {
      regionFindings += output.findings
      limiter.absorb(output.limiter)
      dataRows += output.dataRows
      tally.merge(output.terminators)
      if !output.keyRows.isEmpty {
        keys.process(
          output.keyRows, values: output.keyValues, texts: output.keyTexts, hashes: output.keyHashes,
          into: &keyFindings)
      }
    }
    rows += Self.merge(regionFindings, keyFindings).filter { limiter.admit($0) }
    let consumed = batches.last?.consumed ?? region.start
    return Progress(
      offset: consumed, rowBase: region.rowBase + batches.reduce(0) { $0 + $1.count },
      lineBase: region.lineBase + batches.reduce(0) { $0 + $1.linesConsumed },
      skippingRestOfLine: batches.last?.endsInsideRecord ?? false)
  }

  /// Part boundaries: about equal parts, each starting after a line break (after CRLF when the
  /// file's rows end that way, since a line break inside a quoted field is more often a bare LF).
  private func splitPoints(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
    let count = min(options.workers, max(1, (end - start) / minimumPartSize))
    guard count > 1 else { return [start..<end] }
    let preferCRLF = tally.kinds[Int(RecordBatch.Terminator.carriageReturnLineFeed.rawValue)].count > 0
    var bounds = [start]
    for index in 1..<count {
      let target = start + (end - start) * index / count
      guard target > bounds.last!, let cut = lineStart(bytes, from: target, to: end, preferCRLF: preferCRLF) else {
        continue
      }
      if cut > bounds.last! && cut < end { bounds.append(cut) }
    }
    bounds.append(end)
    return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
  }

  private func lineStart(_ bytes: UnsafeBufferPointer<UInt8>, from target: Int, to end: Int, preferCRLF: Bool) -> Int? {
    var first: Int? = nil
    var i = target
    let limit = min(end, target + (64 << 10))
    while i < limit {
      if bytes[i] == 0x0A {
        if first == nil { first = i + 1 }
        if !preferCRLF || (i > 0 && bytes[i - 1] == 0x0D) { return i + 1 }
      }
      i += 1
    }
    return first
  }

  // MARK: - Helpers

  private func detectEncoding(_ raw: [UInt8], isWholeFile: Bool) -> EncodingDetection {
    guard let encoding = options.encoding else {
      let sample = Array(raw.prefix(EncodingDetector.sampleSize))
      return EncodingDetector.detect(sample, isWholeFile: isWholeFile && sample.count == raw.count)
    }
    return EncodingDetection(
      encoding: encoding, byteOrderMark: !encoding.byteOrderMark.isEmpty && raw.starts(with: encoding.byteOrderMark),
      confidence: 1, evidence: "named with --encoding")
  }

  /// The rows (0-based, in the sample) that form the header.
  private func headerRows(_ sampleRows: [[String]]) -> [Int] {
    switch options.dialect.header {
    case .none:
      return []
    case .rows(let numbers):
      return numbers.map { $0 - 1 }.filter { $0 >= 0 && $0 < sampleRows.count }.sorted()
    case .detect:
      guard !sampleRows.isEmpty else { return [] }
      return [HeaderDetector.headerIndex(sampleRows, fieldNames: schema?.schema.fields.map(\.name))]
    }
  }

  /// The labels of one header row, or of several joined cell by cell.
  private func joinLabels(_ rows: [[String]]) -> [String] {
    guard rows.count > 1 else { return rows.first ?? [] }
    let width = rows.map(\.count).max() ?? 0
    return (0..<width).map { column in
      rows.compactMap { column < $0.count ? $0[column] : nil }.joined(separator: options.dialect.headerJoin)
    }
  }

  private func headerDescription(_ indexes: [Int]) -> String {
    guard let first = indexes.first else { return "none" }
    if indexes.count == 1 { return "in row \(first + 1)" }
    return "in rows " + indexes.map { String($0 + 1) }.joined(separator: ", ")
  }

  private func titleRow(_ index: Int, _ cells: [String], _ sample: RecordBatch, _ header: [Int]) -> Finding {
    let text = cells.filter { !HeaderDetector.isBlank($0) }.joined(separator: " ")
    return TabularRules.titleRow.finding(
      at: SourceLocation(file: file, line: Int(sample.recordLines[index]) + 1, row: index + 1),
      [
        "row": String(index + 1), "text": text.isEmpty ? "blank" : RowChecker.excerpt(text),
        "headerRow": String((header.first ?? 0) + 1),
      ])
  }

  /// The character column where each field of `record` starts.
  private func labelColumns(_ bytes: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch, _ record: Int) -> [Int] {
    let start = Int(batch.recordStarts[record])
    return batch.fields(ofRecord: record).map { field in
      var lineStart = start
      let fieldStart = Int(batch.fieldStarts[field])
      for index in start..<fieldStart where bytes[index] == 0x0A || bytes[index] == 0x0D { lineStart = index + 1 }
      var characters = 0
      for index in lineStart..<fieldStart where bytes[index] & 0xC0 != 0x80 { characters += 1 }
      return characters + 1
    }
  }

  private func lineEndingFindings() -> [Finding] {
    guard let majority = tally.majority else { return [] }
    var out: [Finding] = []
    let counts = tally.kinds.indices.filter { tally.kinds[$0].count > 0 }
      .map { "\(Quantity.format(tally.kinds[$0].count)) \(TerminatorTally.name($0))" }.joined(separator: ", ")
    for index in tally.kinds.indices where index != majority && tally.kinds[index].count > 0 {
      let kind = tally.kinds[index]
      out.append(
        TabularRules.mixedLineEndings.finding(
          at: SourceLocation(file: file, line: kind.firstLine, row: kind.firstRow),
          [
            "row": String(kind.firstRow), "found": TerminatorTally.name(index),
            "expected": TerminatorTally.name(majority), "counts": counts,
          ]))
    }
    return out
  }

  private func emptyReport(encoding: EncodingDetection?) -> TableReport {
    let finding = TabularRules.sourceError.finding(at: SourceLocation(file: file))
    return TableReport(
      file: file, findings: leading + [finding], rowCount: 0, encoding: encoding, delimiter: nil, headerRows: [],
      labels: nil)
  }

  /// Merges two lists that are each in row order; on equal rows, `first`'s findings come first.
  static func merge(_ first: [Finding], _ second: [Finding]) -> [Finding] {
    guard !second.isEmpty else { return first }
    let sortedSecond = second.enumerated().sorted {
      ($0.element.location.row ?? 0, $0.offset) < ($1.element.location.row ?? 0, $1.offset)
    }.map(\.element)
    var out: [Finding] = []
    out.reserveCapacity(first.count + second.count)
    var i = 0
    var j = 0
    while i < first.count || j < sortedSecond.count {
      if j == sortedSecond.count
        || (i < first.count && (first[i].location.row ?? 0) <= (sortedSecond[j].location.row ?? 0))
      {
        out.append(first[i])
        i += 1
      } else {
        out.append(sortedSecond[j])
        j += 1
      }
    }
    return out
  }
}
