import RenkeiCore

/// Line:column of many tape entries at once. `JSONDocument.position(ofEntry:)` counts the
/// columns of each call from the start of its line, which is quadratic for a minified
/// (one-line) GeoJSON file with many findings; here the text is scanned once for all of them.
enum GeoJSONLocator {
  static func positions(of entries: [Int], in document: JSONDocument) -> [Int: SourcePosition] {
    var out: [Int: SourcePosition] = [:]
    // Built documents (YAML) carry a position per entry already.
    guard document.rawStringsAreJSON else {
      for entry in entries { out[entry] = document.position(ofEntry: entry) }
      return out
    }
    let tape = document.tape
    let storage = document.storage
    // A parsed string's offset is its first content byte; the token starts at the quote.
    let targets = Set(entries).map { entry -> (offset: Int, entry: Int) in
      let item = tape[entry]
      let offset = Int(item.offset) - (item.tag == .string ? 1 : 0)
      return (max(0, min(offset, storage.count)), entry)
    }.sorted { $0.offset < $1.offset }
    var line = document.firstLine
    var column = 0
    var i = 0
    storage.withUnsafeBufferPointer { bytes in
      for target in targets {
        while i < target.offset {
          let byte = bytes[i]
          if byte == UInt8(ascii: "\n") {
            line += 1
            column = 0
          } else if byte & 0xC0 != 0x80 {
            // Columns count Unicode scalars: skip UTF-8 continuation bytes.
            column += 1
          }
          i += 1
        }
        out[target.entry] = SourcePosition(line: line, column: column + 1)
      }
    }
    return out
  }
}
