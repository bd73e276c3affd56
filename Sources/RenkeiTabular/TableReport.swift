import RenkeiCore

/// What validating one table found, and how the file was read.
public struct TableReport: Sendable {
  public var file: String?
  /// In report order: file-level findings, then the header's, then row by row.
  public var findings: [Finding]
  /// Data rows (after the header; blank rows count, comment rows do not).
  public var rowCount: Int
  /// How the bytes were decoded (nil for an empty file).
  public var encoding: EncodingDetection?
  /// The delimiter the file was read with.
  public var delimiter: UInt8?
  /// The rows (1-based) the header was read from; empty without a header.
  public var headerRows: [Int]
  /// The header's labels (nil without a header).
  public var labels: [String]?

  public init(
    file: String?, findings: [Finding], rowCount: Int, encoding: EncodingDetection?, delimiter: UInt8?,
    headerRows: [Int], labels: [String]?
  ) {
    self.file = file
    self.findings = findings
    self.rowCount = rowCount
    self.encoding = encoding
    self.delimiter = delimiter
    self.headerRows = headerRows
    self.labels = labels
  }
}
