/// Where a finding points: a file and any of line:column, a JSON Pointer, or a table row/field.
/// Lines, columns and rows are 1-based; columns count Unicode scalar values.
public struct SourceLocation: Sendable, Hashable, Codable {
  public var file: String?
  public var line: Int?
  public var column: Int?
  /// RFC 6901 JSON Pointer into the document ("" is the whole document).
  public var pointer: String?
  /// Which document of a stream (JSON Lines, multi-document YAML), 1-based.
  public var document: Int?
  /// Tabular row (1-based, counting the header row) and field name.
  public var row: Int?
  public var field: String?

  public init(
    file: String? = nil, line: Int? = nil, column: Int? = nil, pointer: String? = nil,
    document: Int? = nil, row: Int? = nil, field: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.pointer = pointer
    self.document = document
    self.row = row
    self.field = field
  }

  /// "file:line:column", as compilers print it; missing parts are left out.
  public var compact: String {
    var text = file ?? "-"
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    } else if let row {
      text += ":row \(row)"
      if let field { text += " \(field)" }
    }
    return text
  }

  /// The same location in another file (used when a check runs before the file name is known).
  public func with(file: String?) -> SourceLocation {
    var copy = self
    copy.file = file
    return copy
  }
}
