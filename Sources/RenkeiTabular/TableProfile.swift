import RenkeiCore

/// Checks beyond Table Schema that a caller plugs into a validation run (the Japanese dataset
/// profiles are one): once the header is read, the profile looks at it and returns a `TablePlan`
/// — header findings, the schema the rows are read with, and a `CellCheck` per column that runs
/// on the worker threads with every cell, in the same pass as the structural checks.
public protocol TableProfile: Sendable {
  func plan(for header: TableHeader) -> TablePlan
}

/// What a profile sees of the table before the data rows.
public struct TableHeader: Sendable {
  public var file: String?
  /// The header's labels; nil for a file without a header.
  public var labels: [String]?
  /// Where the header is (1-based row and line); nil without a header.
  public var row: Int?
  public var line: Int?
  /// The character column each label starts at.
  public var labelColumns: [Int]

  public init(file: String?, labels: [String]?, row: Int?, line: Int?, labelColumns: [Int]) {
    self.file = file
    self.labels = labels
    self.row = row
    self.line = line
    self.labelColumns = labelColumns
  }

  /// The location of label `index` (of the whole header when nil).
  public func location(ofLabel index: Int?) -> SourceLocation {
    let column = index.flatMap { labelColumns.indices.contains($0) ? labelColumns[$0] : nil }
    let field = index.flatMap { labels?.indices.contains($0) == true ? labels![$0] : nil }
    return SourceLocation(file: file, line: line, column: column, row: row, field: field)
  }
}

/// How a profile wants the rows checked.
public struct TablePlan: Sendable {
  /// Findings about the file and its header (which profile applies and why, label problems).
  public var findings: [Finding]
  /// The schema the rows are read with instead of the run's (its `unique` constraints and keys
  /// are checked as usual); nil to keep the run's.
  public var schema: TableSchema?
  /// Checks by column index (0-based).
  public var cellChecks: [Int: any CellCheck]

  public init(findings: [Finding] = [], schema: TableSchema? = nil, cellChecks: [Int: any CellCheck] = [:]) {
    self.findings = findings
    self.schema = schema
    self.cellChecks = cellChecks
  }
}

/// A check of one column's cells, run on worker threads (so it must not keep state across cells).
public protocol CellCheck: Sendable {
  /// Another column of the row the check reads too (a latitude check reads the longitude).
  var companionColumn: Int? { get }
  /// Appends the cell's problems to `issues`. `cell` is the value's UTF-8 bytes (quotes
  /// resolved), `companion` the companion column's value if the row has it.
  func check(_ cell: UnsafeBufferPointer<UInt8>, companion: UnsafeBufferPointer<UInt8>?, into issues: inout [CellIssue])
}

/// A problem a `CellCheck` found; the run adds the location and the `field`, `fieldNumber` and
/// `row` arguments.
public struct CellIssue: Sendable {
  public var rule: Rule
  public var arguments: [String: String]

  public init(_ rule: Rule, _ arguments: [String: String] = [:]) {
    self.rule = rule
    self.arguments = arguments
  }
}
