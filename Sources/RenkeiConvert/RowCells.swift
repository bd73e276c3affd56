/// The cells of one row as UTF-8 in one buffer, each a range of it. A conversion appends the
/// normalized values it makes after the input's, so a row's values take one allocation instead
/// of one string per cell.
public struct RowCells: Sendable {
  public private(set) var bytes: [UInt8] = []
  public private(set) var ranges: [Range<Int>] = []

  public init() {}

  public init(_ cells: [String]) {
    ranges.reserveCapacity(cells.count)
    for cell in cells { append(cell) }
  }

  public var count: Int { ranges.count }

  public mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
    let start = bytes.count
    bytes.append(contentsOf: cell)
    ranges.append(start..<bytes.count)
  }

  public mutating func append(_ cell: String) {
    let start = bytes.count
    bytes.append(contentsOf: cell.utf8)
    ranges.append(start..<bytes.count)
  }

  /// Appends bytes after the cells without making them a cell; where they are.
  mutating func store(_ text: String) -> Range<Int> {
    let start = bytes.count
    bytes.append(contentsOf: text.utf8)
    return start..<bytes.count
  }

  func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
