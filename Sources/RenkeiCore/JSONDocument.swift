import Synchronization

/// A parsed (or built) JSON document: the bytes it came from and the tape of its values.
/// Immutable once made, so it can be shared across threads; `root` is the way in.
public final class JSONDocument: Sendable {
  /// The source text for parsed documents; the concatenated scalar bytes for built ones.
  public let storage: [UInt8]
  public let tape: [TapeEntry]
  /// Line:column of every tape entry, for documents built from another syntax (YAML).
  /// Parsed JSON derives positions from byte offsets instead.
  let positions: [SourcePosition]?
  /// The line of `storage`'s first byte in the file it came from (JSON Lines: the line number).
  public let firstLine: Int
  /// True when string bytes in storage are JSON string content (parsed text), false when they
  /// are already decoded (built documents); the writer copies the former and escapes the latter.
  public let rawStringsAreJSON: Bool
  private let lineStarts = Mutex<[Int]?>(nil)

  init(
    storage: [UInt8], tape: [TapeEntry], positions: [SourcePosition]?, firstLine: Int,
    rawStringsAreJSON: Bool
  ) {
    self.rawStringsAreJSON = rawStringsAreJSON
    self.storage = storage
    self.tape = tape
    self.positions = positions
    self.firstLine = firstLine
  }

  /// The top-level value.
  public var root: JSONValue { JSONValue(document: self, index: 0) }

  /// Where the value at tape `index` starts.
  public func position(ofEntry index: Int) -> SourcePosition {
    if let positions { return positions[index] }
    let entry = tape[index]
    // A parsed string's offset is its first content byte; the token starts at the quote.
    let offset = Int(entry.offset) - (entry.tag == .string ? 1 : 0)
    return position(ofByte: offset)
  }

  /// Line:column of a byte offset into `storage` (for parsed text).
  public func position(ofByte offset: Int) -> SourcePosition {
    let starts = lineStarts.withLock { cached -> [Int] in
      if let cached { return cached }
      var table = [0]
      storage.withUnsafeBufferPointer { bytes in
        for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") { table.append(i + 1) }
      }
      cached = table
      return table
    }
    let clamped = max(0, min(offset, storage.count))
    // Last line start <= offset.
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    return SourcePosition(
      line: firstLine + low,
      column: 1 + JSONDocument.scalarCount(storage, from: starts[low], to: clamped))
  }

  /// Unicode scalars in `bytes[from..<to]`: bytes that are not UTF-8 continuation bytes.
  static func scalarCount<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from: Int, to: Int) -> Int
  where Bytes.Index == Int {
    var count = 0
    var i = from
    while i < to {
      if bytes[i] & 0xC0 != 0x80 { count += 1 }
      i += 1
    }
    return count
  }

  /// The index of the container that directly holds tape entry `index`, or nil for the root.
  public func parent(ofEntry index: Int) -> Int? {
    var container: Int? = nil
    var i = 0
    while i < index {
      let entry = tape[i]
      if entry.isContainer && Int(entry.extent) > index {
        container = i
        i += 1
      } else {
        i = entry.isContainer ? Int(entry.extent) : i + 1
      }
    }
    return container
  }
}
