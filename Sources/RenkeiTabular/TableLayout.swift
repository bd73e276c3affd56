/// How the columns of the data map to fields, as decided from the header and the schema: the
/// table's width (frictionless's expected fields), each column's field check, and the columns
/// whose values the keys (`unique`, `primaryKey`, `uniqueKeys`, `foreignKeys`) need.
struct TableLayout: Sendable {
  struct Column: Sendable {
    /// The field the column is read as; nil for a column no field describes (read as `any`).
    var check: FieldCheck?
    /// The name messages use: the field's name, else the label, else "field3".
    var name: String
  }

  var columns: [Column]
  /// Missing values for columns without a field.
  var defaultMissingValues: [[UInt8]]
  /// Columns (indexes into `columns`) whose logical values are kept for the key checks, in
  /// order; `keySlot[column]` is a column's position in that list.
  var keyColumns: [Int] = []
  var keySlots: [Int: Int] = [:]

  var width: Int { columns.count }

  /// The column index of the field called `name`, if the layout has it.
  func column(named name: String) -> Int? { columns.firstIndex { $0.check?.field.name == name } }

  /// Whether a cell of a column without a field counts as missing.
  func isDefaultMissing(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    for value in defaultMissingValues where value.count == cell.count && value.elementsEqual(cell) { return true }
    return false
  }

  /// Registers the columns of the named fields for key extraction; nil if any is not in the layout.
  mutating func keyColumns(for names: [String]) -> [Int]? {
    var slots: [Int] = []
    for name in names {
      guard let column = column(named: name) else { return nil }
      if let slot = keySlots[column] {
        slots.append(slot)
      } else {
        keySlots[column] = keyColumns.count
        slots.append(keyColumns.count)
        keyColumns.append(column)
      }
    }
    return slots
  }
}
