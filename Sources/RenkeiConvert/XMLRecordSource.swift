import RenkeiCore
import RenkeiFormats

/// Records from the repeating elements of an XML file (`--records facilities/facility`), read
/// by libxml2's streaming reader; a column's value is the child element of its name (or the
/// column's `path`: `address/city`, `@id`).
public struct XMLRecordSource: RecordSource {
  public let path: String
  public let records: String
  public let mapping: Mapping
  public var file: String? { path }
  public var blockSize = 8192

  public init(path: String, records: String, mapping: Mapping) {
    self.path = path
    self.records = records
    self.mapping = mapping
  }

  public func read(start: ([String], [Finding]) throws -> Void, _ body: (any RecordBlock) throws -> Void) throws {
    let keys = mapping.columns.map { $0.path ?? $0.name }
    try start(mapping.columns.map(\.name), [])
    var pending: [MemoryRecordBlock.Record] = []
    try XMLRecordReader(path: path, recordPath: records).read { record in
      pending.append(
        .init(
          cells: keys.map { record.values[$0] ?? "" },
          location: SourceLocation(file: path, line: record.line, row: record.number)))
      if pending.count >= blockSize {
        try body(MemoryRecordBlock(records: pending))
        pending.removeAll(keepingCapacity: true)
      }
    }
    if !pending.isEmpty { try body(MemoryRecordBlock(records: pending)) }
  }
}
