import RenkeiCore

/// Where the rows come from: a CSV file, the records of a JSON or JSON Lines file, or the
/// repeating elements of an XML file. A source first names its columns (its labels), then hands
/// over its rows block by block, in order.
public protocol RecordSource {
  /// The input's name in findings.
  var file: String? { get }
  /// `start` receives the labels and findings about the input as a whole (its encoding ...);
  /// `body` every block of records in order.
  func read(start: ([String], [Finding]) throws -> Void, _ body: (any RecordBlock) throws -> Void) throws
}

/// Records of one block, readable from several threads at once.
public protocol RecordBlock: Sendable {
  var count: Int { get }
  /// The cells of a record, in label order.
  func cells(_ record: Int) -> [String]
  /// The same cells in one buffer (what the converter reads).
  func rowCells(_ record: Int) -> RowCells
  /// Where the record is (file, row or record number, line).
  func location(_ record: Int) -> SourceLocation
  /// Findings about the record found while reading it; an error means it cannot be converted.
  func notes(_ record: Int) -> [Finding]
  /// A blank row: skipped (with an info finding), not counted as input.
  func isBlank(_ record: Int) -> Bool
}

extension RecordBlock {
  public func rowCells(_ record: Int) -> RowCells { RowCells(cells(record)) }
  public func notes(_ record: Int) -> [Finding] { [] }
  public func isBlank(_ record: Int) -> Bool { false }
}

/// Records already in memory (JSON, XML).
public struct MemoryRecordBlock: RecordBlock {
  public struct Record: Sendable {
    public var cells: [String]
    public var location: SourceLocation
    public var notes: [Finding]

    public init(cells: [String], location: SourceLocation, notes: [Finding] = []) {
      self.cells = cells
      self.location = location
      self.notes = notes
    }
  }

  public var records: [Record]

  public init(records: [Record]) { self.records = records }

  public var count: Int { records.count }
  public func cells(_ record: Int) -> [String] { records[record].cells }
  public func location(_ record: Int) -> SourceLocation { records[record].location }
  public func notes(_ record: Int) -> [Finding] { records[record].notes }
}
