/// Turns byte offsets inside one record into lines and character columns. It continues from its
/// previous answer when offsets increase, so a row with many findings is scanned about once.
struct RecordLocator {
  private let buffer: UnsafeBufferPointer<UInt8>
  private let recordStart: Int
  private let firstLine: Int
  private var offset: Int
  private var line: Int
  private var lineStart: Int
  /// Characters from `lineStart` to `offset`.
  private var characters = 0

  init(buffer: UnsafeBufferPointer<UInt8>, recordStart: Int, line: Int) {
    self.buffer = buffer
    self.recordStart = recordStart
    firstLine = line
    offset = recordStart
    self.line = line
    lineStart = recordStart
  }

  /// The line and the column (1-based, in characters) of `target`.
  mutating func position(of target: Int) -> (line: Int, column: Int) {
    let end = min(target, buffer.count)
    if end < offset {
      (offset, line, lineStart, characters) = (recordStart, firstLine, recordStart, 0)
    }
    while offset < end {
      let byte = buffer[offset]
      if byte == 0x0A || (byte == 0x0D && (offset + 1 >= buffer.count || buffer[offset + 1] != 0x0A)) {
        line += 1
        lineStart = offset + 1
        characters = 0
      } else if byte & 0xC0 != 0x80 && byte != 0x0D {
        characters += 1
      }
      offset += 1
    }
    return (line, characters + 1)
  }
}
