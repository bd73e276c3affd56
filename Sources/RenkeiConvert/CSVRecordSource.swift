import RenkeiCore
import RenkeiTabular

/// CSV and TSV input through RenkeiTabular's streaming reader: any encoding it reads (detected,
/// or named), the delimiter and header found as `renkei validate` finds them.
public struct CSVRecordSource: RecordSource {
  public let path: String
  public let options: CSVRecordReader.Options
  public var file: String? { path }

  /// Blocks of 1 MiB keep the output of a block (several times larger) small.
  public init(path: String, options: CSVRecordReader.Options = CSVRecordReader.Options(blockSize: 1 << 20)) {
    self.path = path
    self.options = options
  }

  public func read(start: ([String], [Finding]) throws -> Void, _ body: (any RecordBlock) throws -> Void) throws {
    var encoding = ""
    var width = 0
    try CSVRecordReader(path: path, options: options).read(
      start: { layout in
        guard let layout else { return try start([], []) }
        encoding = layout.encoding.encoding.displayName
        width = layout.labels.count
        var findings: [Finding] = []
        if layout.encoding.encoding != .utf8 || layout.encoding.confidence < 0.9 {
          findings.append(
            TabularRules.encoding.finding(
              at: SourceLocation(file: path),
              [
                "encoding": layout.encoding.encoding.displayName, "confidence": layout.encoding.confidenceText,
                "evidence": layout.encoding.evidence,
              ]))
        }
        try start(layout.labels, findings)
      },
      { block in try body(Block(block: block, file: path, encoding: encoding, width: width)) })
  }

  struct Block: RecordBlock {
    let block: CSVRecordBlock
    let file: String
    let encoding: String
    let width: Int

    var count: Int { block.count }
    func cells(_ record: Int) -> [String] { block.cells(record) }

    func rowCells(_ record: Int) -> RowCells {
      // Bytes the encoding does not define are read as U+FFFD by the strings' decoding.
      if !block.recordsWithInvalidBytes.isEmpty && block.recordsWithInvalidBytes.contains(record) {
        return RowCells(block.cells(record))
      }
      var cells = RowCells()
      block.forEachCell(record) { cells.append($0) }
      return cells
    }
    func location(_ record: Int) -> SourceLocation {
      SourceLocation(file: file, line: block.line(record), row: block.row(record))
    }
    func isBlank(_ record: Int) -> Bool { block.isBlank(record) }

    func notes(_ record: Int) -> [Finding] {
      let cells = block.fieldCount(record)
      let invalid = !block.recordsWithInvalidBytes.isEmpty && block.recordsWithInvalidBytes.contains(record)
      guard invalid || (width > 0 && cells != width) else { return [] }
      var notes: [Finding] = []
      let row = String(block.row(record))
      if invalid {
        notes.append(ConvertRules.encodingReplaced.finding(at: location(record), ["row": row, "encoding": encoding]))
      }
      if width > 0 && cells != width {
        notes.append(
          ConvertRules.rowWidth.finding(
            at: location(record),
            [
              "row": row, "cells": String(cells), "width": String(width),
              "effect": cells > width ? "the extra cells are not converted" : "the missing cells are read as empty",
            ]))
      }
      return notes
    }
  }
}

extension CSVRecordSource {
  private struct Stop: Error {}

  /// The header's labels only (reads the first block), to choose a mapping by.
  public func labels() throws -> [String] {
    var labels: [String] = []
    do {
      try CSVRecordReader(path: path, options: options).read(
        start: { layout in
          labels = layout?.labels ?? []
          throw Stop()
        }, { _ in })
    } catch is Stop {}
    return labels
  }
}
