/// The clean standard CSV (RFC 4180): UTF-8 without a byte order mark, CRLF line ends, the
/// mapping's canonical header, and the normalized cells (half-width digits, ISO 8601 dates,
/// `HH:MM` times); a field is quoted only when it holds a comma, a quote or a line break.
public struct StandardCSVWriter: Sendable {
  public let columns: [String]

  public init(columns: [String]) { self.columns = columns }

  public var header: [UInt8] {
    var out: [UInt8] = []
    row(columns, into: &out)
    return out
  }

  public func row(_ cells: [String], into out: inout [UInt8]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { out.append(0x2C) }
      let bytes = cell.utf8
      if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        out.append(0x22)
        for byte in bytes {
          if byte == 0x22 { out.append(0x22) }
          out.append(byte)
        }
        out.append(0x22)
      } else {
        out.append(contentsOf: bytes)
      }
    }
    out.append(contentsOf: [0x0D, 0x0A])
  }
}
