/// Finds the header row of a table whose file may start with a title, a date line ("令和5年4月1日現在")
/// or blank rows, as spreadsheets exported to CSV often do.
///
/// The header is the first of the first ten rows that looks like one: it has at least two
/// non-empty cells, at least half as many as the table is wide, and mostly text rather than
/// numbers; or, when a schema is given, half or more of its cells are the schema's field names.
/// The rows above it must each have fewer non-empty cells than that. When no row qualifies the
/// first non-blank row is the header, as without detection.
enum HeaderDetector {
  static let searchDepth = 10

  /// The index (0-based, among `rows`) of the header row.
  static func headerIndex(_ rows: [[String]], fieldNames: [String]?) -> Int {
    let nonBlank = rows.firstIndex { row in row.contains { !isBlank($0) } } ?? 0
    let width = modalWidth(rows)
    if let fieldNames, !fieldNames.isEmpty {
      let names = Set(fieldNames)
      for (index, row) in rows.prefix(searchDepth).enumerated() {
        let matches = row.count { names.contains($0.trimmingSpaces) }
        if matches * 2 >= min(names.count, max(row.count, 1)) && matches > 0 { return index }
      }
    }
    let needed = max(2, (width + 1) / 2)
    for (index, row) in rows.prefix(searchDepth).enumerated() {
      let filled = row.filter { !isBlank($0) }
      if filled.count >= needed {
        let numeric = filled.count { looksNumeric($0) }
        if numeric * 2 < filled.count { return index }
        // A row of numbers is data: the table starts earlier.
        return nonBlank
      }
    }
    return nonBlank
  }

  /// The most common number of cells per row (ties to the wider), ignoring blank rows.
  static func modalWidth(_ rows: [[String]]) -> Int {
    var counts: [Int: Int] = [:]
    for row in rows where row.contains(where: { !isBlank($0) }) { counts[row.count, default: 0] += 1 }
    return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key ?? 0
  }

  static func isBlank(_ cell: String) -> Bool { cell.allSatisfy { $0 == " " || $0 == "\u{3000}" || $0 == "\t" } }

  private static func looksNumeric(_ cell: String) -> Bool {
    let text = cell.trimmingSpaces
    guard !text.isEmpty else { return false }
    return text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == ",") }
  }
}

extension String {
  /// The string without leading and trailing ASCII spaces and tabs.
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
