import RenkeiCore

/// Checks the records of one tokenized part of a file: bytes that are not valid in the encoding,
/// quoting problems, the number of cells, every cell against its field, and blank rows; and keeps
/// the values the key checks need. Runs on a worker thread; reads shared immutable state only.
struct RowChecker: Sendable {
  let layout: TableLayout
  let decoder: FieldDecoder
  let file: String?
  let commentPrefix: [UInt8]?
  let commentRows: Set<Int>
  let encoding: TextEncoding
  /// Whether the buffer still has to be checked for ill-formed UTF-8 (it was not transcoded).
  let validatesUTF8: Bool
  let maxRecordBytes: Int
  /// Findings kept per rule in one part (the run keeps as many per file).
  let findingLimit: Int
  /// A profile's check for each column (nil for most).
  var cellChecks: [(any CellCheck)?] = []

  /// A profile's check held by a class, so the per-cell loop calls it through an unretained
  /// reference instead of copying (retaining and releasing) a boxed existential for every cell.
  private final class ProfileCheck {
    let check: any CellCheck
    let companionColumn: Int?

    init(_ check: any CellCheck) {
      self.check = check
      companionColumn = check.companionColumn
    }
  }

  /// A sequence the decoder could not read, at an offset of the buffer.
  struct InvalidBytes: Sendable {
    var offset: Int
    var bytes: [UInt8]
    /// The bytes it takes in the buffer: the sequence itself in UTF-8 input, its U+FFFD (3 bytes)
    /// in converted input.
    var span: Int

    /// Merges sequences that follow each other into one (a run of bad bytes is one problem).
    static func merged(_ list: [InvalidBytes]) -> [InvalidBytes] {
      var out: [InvalidBytes] = []
      for item in list {
        if let last = out.last, last.offset + last.span == item.offset {
          out[out.count - 1].bytes += item.bytes
          out[out.count - 1].span += item.span
        } else {
          out.append(item)
        }
      }
      return out
    }
  }

  /// Where the values of the key columns of one row are: `Output.keyValues[base ..< base + n]`
  /// (flat arrays for the whole part, so a row costs no allocation of its own).
  struct KeyRow: Sendable {
    var row: Int
    var line: Int
    var base: Int
  }

  struct Output: Sendable {
    var findings: [Finding] = []
    /// Counts what went over the limit.
    var limiter: FindingLimiter
    var dataRows = 0
    var keyRows: [KeyRow] = []
    var keyValues: [LogicalValue?] = []
    var keyTexts: [String] = []
    /// The hash of each key value's canonical key (0 for none), made here on the workers so the
    /// serial unique check only probes its table.
    var keyHashes: [Int] = []
    var terminators = TerminatorTally()

    mutating func add(_ finding: Finding) {
      if limiter.admit(finding) { findings.append(finding) }
    }
  }

  /// Where the findings of one record point.
  private struct Place {
    let row: Int
    var locator: RecordLocator

    init(row: Int, line: Int, recordStart: Int, buffer: UnsafeBufferPointer<UInt8>) {
      self.row = row
      locator = RecordLocator(buffer: buffer, recordStart: recordStart, line: line)
    }
  }

  /// Checks every record of `batch`; the first is row `firstRow` (1-based) on line `firstLine`.
  /// With `structureOnly` (rows above the data) only the bytes and the quoting are checked.
  func check(
    _ buffer: UnsafeBufferPointer<UInt8>, batch: RecordBatch, firstRow: Int, firstLine: Int, decoded: [InvalidBytes],
    structureOnly: Bool = false
  ) -> Output {
    var output = Output(limiter: FindingLimiter(limit: findingLimit))
    guard batch.count > 0 else { return output }
    // Ill-formed UTF-8 is looked for as the records go (a file of junk does not make a list of
    // millions first); bytes the decoder could not convert come as a list.
    var utf8Cursor = validatesUTF8 ? Int(batch.recordStarts[0]) : batch.consumed
    var nextBadUTF8 = validatesUTF8 ? UTF8Validator.firstInvalid(buffer, from: utf8Cursor, to: batch.consumed) : nil
    let invalid = InvalidBytes.merged(decoded)
    var invalidIndex = 0
    var issueIndex = 0
    // Values rebuilt into `scratch` are read through pointers: keep it alive to the end.
    let scratch = ScratchBuffer()
    defer { withExtendedLifetime(scratch) {} }
    var violations: [FieldCheck.Violation] = []
    var value: LogicalValue? = nil
    var rowFindings: [Finding] = []
    var rowDrops: [Rule] = []
    let width = layout.width
    let keyed = !layout.keyColumns.isEmpty
    // Unretained references: the layout keeps the checks alive, and this loop runs per cell.
    let checks = layout.columns.map { $0.check.map(Unmanaged.passUnretained) }
    let slots = (0..<width).map { keyed ? layout.keySlots[$0] : nil }
    let profileChecks = cellChecks.map { $0.map(ProfileCheck.init) }
    defer { withExtendedLifetime(profileChecks) {} }
    let profileReferences = profileChecks.map { $0.map(Unmanaged.passUnretained) }
    let hasCellChecks = profileReferences.contains { $0 != nil }
    var issues: [CellIssue] = []
    let companionScratch = ScratchBuffer(capacity: 256)
    defer { withExtendedLifetime(companionScratch) {} }
    for record in 0..<batch.count {
      let row = firstRow + record
      let line = firstLine + Int(batch.recordLines[record])
      let recordStart = Int(batch.recordStarts[record])
      let recordEnd = record + 1 < batch.count ? Int(batch.recordStarts[record + 1]) : batch.consumed
      var place = Place(row: row, line: line, recordStart: recordStart, buffer: buffer)
      output.terminators.count(batch.recordTerminators[record], row: row, line: line)
      // Syntax and encoding findings belong to the row whatever else it is. Findings of a rule
      // that is full are only counted, not made.
      while issueIndex < batch.issues.count && batch.issues[issueIndex].record == record {
        let issue = batch.issues[issueIndex]
        if output.limiter.isFull(Self.rule(of: issue.kind).id) {
          output.limiter.drop(Self.rule(of: issue.kind))
        } else {
          output.add(issueFinding(issue, buffer, batch, record, &place))
        }
        issueIndex += 1
      }
      while invalidIndex < invalid.count && invalid[invalidIndex].offset < recordEnd {
        let bad = invalid[invalidIndex]
        invalidIndex += 1
        encodingError(at: bad.offset, bytes: bad.bytes, batch, record, &place, &output)
      }
      while let bad = nextBadUTF8, bad.offset < recordEnd {
        // A run of ill-formed sequences is one finding.
        var end = bad.offset + bad.length
        utf8Cursor = end
        nextBadUTF8 = UTF8Validator.firstInvalid(buffer, from: utf8Cursor, to: batch.consumed)
        while let next = nextBadUTF8, next.offset == end {
          end = next.offset + next.length
          utf8Cursor = end
          nextBadUTF8 = UTF8Validator.firstInvalid(buffer, from: utf8Cursor, to: batch.consumed)
        }
        encodingError(
          at: bad.offset, bytes: Array(buffer[bad.offset..<min(end, bad.offset + 17)]), batch, record, &place, &output)
      }
      if structureOnly || isComment(buffer, batch, record, row: row) { continue }
      output.dataRows += 1
      let fields = batch.fields(ofRecord: record)
      let cellCount = fields.count
      // Guarded: on an empty array removeAll(keepingCapacity:) still makes a buffer, every cell.
      if !rowFindings.isEmpty { rowFindings.removeAll(keepingCapacity: true) }
      if !rowDrops.isEmpty { rowDrops.removeAll(keepingCapacity: true) }
      /// Whether to make a finding of `rule` for this row (else it is counted at the end of the row).
      func wanted(_ rule: Rule) -> Bool {
        if output.limiter.isFull(rule.id) {
          rowDrops.append(rule)
          return false
        }
        return true
      }
      var blank = 0
      let keyBase = output.keyValues.count
      if keyed {
        output.keyValues.append(contentsOf: repeatElement(nil, count: layout.keyColumns.count))
        output.keyTexts.append(contentsOf: repeatElement("", count: layout.keyColumns.count))
        output.keyHashes.append(contentsOf: repeatElement(0, count: layout.keyColumns.count))
      }
      for column in 0..<min(cellCount, width) {
        let fieldIndex = fields.lowerBound + column
        let cell = decoder.value(buffer, batch: batch, field: fieldIndex, scratch: scratch)
        if hasCellChecks, let reference = profileReferences[column] {
          reference._withUnsafeGuaranteedRef {
            profileCell(
              $0, cell, column: column, fields: fields, buffer, batch, record, &place, scratch: companionScratch,
              issues: &issues, into: &rowFindings, wanted: wanted)
          }
        }
        guard let reference = checks[column] else {
          if layout.isDefaultMissing(cell) { blank += 1 }
          continue
        }
        if !violations.isEmpty { violations.removeAll(keepingCapacity: true) }
        let outcome = reference._withUnsafeGuaranteedRef { $0.check(cell, value: &value, violations: &violations) }
        switch outcome {
        case .missing:
          blank += 1
        case .invalid:
          let check = reference.takeUnretainedValue()
          if wanted(TabularRules.typeError) {
            rowFindings.append(typeError(check, cell, batch, record, fieldIndex, &place))
          }
        case .valid:
          if let slot = slots[column] {
            if let key = value {
              var hasher = Hasher()
              hasher.combine(key.key)
              output.keyHashes[keyBase + slot] = hasher.finalize()
            }
            output.keyValues[keyBase + slot] = value
            output.keyTexts[keyBase + slot] = String(decoding: cell, as: UTF8.self)
            value = nil
          }
        }
        if !violations.isEmpty {
          let check = reference.takeUnretainedValue()
          for violation in violations where wanted(violation.constraint.rule) {
            rowFindings.append(constraintError(violation, check, cell, batch, record, fieldIndex, &place))
          }
        }
      }
      if cellCount > width {
        for column in width..<cellCount where wanted(TabularRules.extraCell) {
          let fieldIndex = fields.lowerBound + column
          rowFindings.append(
            TabularRules.extraCell.finding(
              at: location(Int(batch.fieldStarts[fieldIndex]), &place, field: nil),
              [
                "fieldNumber": String(column + 1),
                "value": Self.excerpt(decoder.string(buffer, batch: batch, field: fieldIndex)),
                "cells": String(cellCount), "columns": String(width), "row": String(row),
              ]))
        }
      } else if cellCount < width {
        let end = fields.isEmpty ? recordStart : Int(batch.fieldEnds[fields.upperBound - 1])
        for column in cellCount..<width {
          blank += 1
          let name = layout.columns[column].name
          let spot = location(end, &place, field: name)
          if let check = layout.columns[column].check, check.required, wanted(TabularRules.required) {
            rowFindings.append(
              TabularRules.required.finding(at: spot, ["field": name, "fieldNumber": String(column + 1)]))
          }
          guard wanted(TabularRules.missingCell) else { continue }
          rowFindings.append(
            TabularRules.missingCell.finding(
              at: spot,
              [
                "field": name, "fieldNumber": String(column + 1), "cells": String(cellCount), "columns": String(width),
                "row": String(row),
              ]))
        }
      }
      if width > 0 && blank == width {
        // A blank row is reported once, instead of its cells.
        if output.limiter.isFull(TabularRules.blankRow.id) {
          output.limiter.drop(TabularRules.blankRow)
        } else {
          output.add(
            TabularRules.blankRow.finding(at: SourceLocation(file: file, line: line, row: row), ["row": String(row)]))
        }
      } else {
        for finding in rowFindings { output.add(finding) }
        for rule in rowDrops { output.limiter.drop(rule) }
      }
      if keyed { output.keyRows.append(KeyRow(row: row, line: line, base: keyBase)) }
    }
    return output
  }

  /// Runs a profile's check on one cell and turns its issues into findings at the cell.
  private func profileCell(
    _ profile: ProfileCheck, _ cell: UnsafeBufferPointer<UInt8>, column: Int, fields: Range<Int>,
    _ buffer: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch, _ record: Int, _ place: inout Place,
    scratch: ScratchBuffer, issues: inout [CellIssue], into findings: inout [Finding], wanted: (Rule) -> Bool
  ) {
    var companion: UnsafeBufferPointer<UInt8>? = nil
    if let other = profile.companionColumn, other < fields.count {
      companion = decoder.value(buffer, batch: batch, field: fields.lowerBound + other, scratch: scratch)
    }
    if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
    profile.check.check(cell, companion: companion, into: &issues)
    guard !issues.isEmpty else { return }
    let name = layout.columns[column].name
    for issue in issues where wanted(issue.rule) {
      var arguments = issue.arguments
      arguments["field"] = arguments["field"] ?? name
      arguments["fieldNumber"] = String(column + 1)
      arguments["row"] = String(place.row)
      let at = location(Int(batch.fieldStarts[fields.lowerBound + column]), &place, field: name)
      findings.append(issue.rule.finding(at: at, arguments))
    }
  }

  private func encodingError(
    at offset: Int, bytes: [UInt8], _ batch: RecordBatch, _ record: Int, _ place: inout Place, _ output: inout Output
  ) {
    guard !output.limiter.isFull(TabularRules.encodingError.id) else {
      output.limiter.drop(TabularRules.encodingError)
      return
    }
    let hex = bytes.prefix(16).map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    output.add(
      TabularRules.encodingError.finding(
        at: location(offset, &place, field: fieldName(at: offset, batch, record)),
        ["bytes": hex + (bytes.count > 16 ? " …" : ""), "encoding": encoding.displayName]))
  }

  private func isComment(_ buffer: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch, _ record: Int, row: Int) -> Bool {
    if commentRows.contains(row) { return true }
    guard let commentPrefix else { return false }
    let start = Int(batch.recordStarts[record])
    guard start + commentPrefix.count <= buffer.count else { return false }
    return commentPrefix.indices.allSatisfy { buffer[start + $0] == commentPrefix[$0] }
  }

  // MARK: - Findings

  private func typeError(
    _ check: FieldCheck, _ cell: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch, _ record: Int, _ fieldIndex: Int,
    _ place: inout Place
  ) -> Finding {
    let field = check.field
    let description = TypeDescription(field)
    var finding = TabularRules.typeError.finding(
      at: location(Int(batch.fieldStarts[fieldIndex]), &place, field: field.name),
      [
        "value": Self.excerpt(String(decoding: cell, as: UTF8.self)), "field": field.name, "type": field.type.rawValue,
        "format": field.format, "expected": description.expected, "example": description.example,
        "fieldNumber": String(fieldIndex - batch.fields(ofRecord: record).lowerBound + 1),
      ])
    finding.spec = TabularRules.tableSchema("Field Types › \(field.type.rawValue)", anchor: field.type.rawValue)
    return finding
  }

  private func constraintError(
    _ violation: FieldCheck.Violation, _ check: FieldCheck, _ cell: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch,
    _ record: Int, _ fieldIndex: Int, _ place: inout Place
  ) -> Finding {
    var arguments = check.arguments(of: violation)
    arguments["field"] = check.field.name
    arguments["value"] = Self.excerpt(String(decoding: cell, as: UTF8.self))
    arguments["fieldNumber"] = String(fieldIndex - batch.fields(ofRecord: record).lowerBound + 1)
    return violation.constraint.rule.finding(
      at: location(Int(batch.fieldStarts[fieldIndex]), &place, field: check.field.name), arguments)
  }

  /// The name of the column whose cell holds `offset`, if the row has such a column.
  private func fieldName(at offset: Int, _ batch: RecordBatch, _ record: Int) -> String? {
    guard let index = batch.field(containing: offset, inRecord: record) else { return nil }
    let column = index - batch.fields(ofRecord: record).lowerBound
    return column < layout.width ? layout.columns[column].name : nil
  }

  private static func rule(of kind: RecordBatch.Issue.Kind) -> Rule {
    switch kind {
    case .unclosedQuote: return TabularRules.unclosedQuote
    case .strayQuote: return TabularRules.strayQuote
    case .textAfterClosingQuote: return TabularRules.textAfterQuote
    case .recordTooLarge: return TabularRules.recordTooLarge
    }
  }

  private func issueFinding(
    _ issue: RecordBatch.Issue, _ buffer: UnsafeBufferPointer<UInt8>, _ batch: RecordBatch, _ record: Int,
    _ place: inout Place
  ) -> Finding {
    let fieldIndex = batch.field(containing: issue.offset, inRecord: record)
    let at = location(issue.offset, &place, field: fieldName(at: issue.offset, batch, record))
    let value = fieldIndex.map { Self.excerpt(decoder.string(buffer, batch: batch, field: $0)) } ?? ""
    switch issue.kind {
    case .unclosedQuote:
      let atEnd = record == batch.count - 1
      return TabularRules.unclosedQuote.finding(
        at: at, ["reason": atEnd ? " before the end of the file" : " within \(Quantity.bytes(maxRecordBytes))"])
    case .strayQuote:
      return TabularRules.strayQuote.finding(at: at, ["value": value])
    case .textAfterClosingQuote:
      return TabularRules.textAfterQuote.finding(at: at, ["value": value])
    case .recordTooLarge:
      return TabularRules.recordTooLarge.finding(at: at, ["limit": Quantity.bytes(maxRecordBytes)])
    }
  }

  /// A location for `offset` inside the record: the line it is on and its column in characters.
  private func location(_ offset: Int, _ place: inout Place, field: String?) -> SourceLocation {
    let (line, column) = place.locator.position(of: offset)
    return SourceLocation(file: file, line: line, column: column, row: place.row, field: field)
  }

  /// A cell value as messages quote it: at most 80 characters, line breaks shown as ⏎.
  static func excerpt(_ value: String) -> String {
    let text = value.count > 80 ? String(value.prefix(80)) + "…" : value
    guard text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
    return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? "⏎" : $0 })
  }
}
