#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a JSON Lines file in fixed-size chunks and hands over complete lines, so a file of
/// any size is processed in constant memory (one chunk plus the longest line).
public struct JSONLinesReader: Sendable {
  /// A run of complete lines read from the file.
  public struct Chunk: Sendable {
    /// The chunk's bytes; `lines` index into it.
    public let bytes: [UInt8]
    /// Each line's byte range (without the line break; a trailing "\r" is removed too) and its
    /// 1-based line number in the file.
    public let lines: [Line]
  }

  public struct Line: Sendable {
    public let start: Int
    public let end: Int
    public let number: Int
  }

  public enum ReadError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case lineTooLong(path: String, line: Int, limit: Int)

    public var description: String {
      switch self {
      case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
      case .readFailed(let path, let reason): return "cannot read \(path): \(reason)"
      case .lineTooLong(let path, let line, let limit):
        return "\(path):\(line): line longer than \(limit) bytes"
      }
    }
  }

  public var chunkSize: Int
  public var maxLineLength: Int

  public init(chunkSize: Int = 4 << 20, maxLineLength: Int = 256 << 20) {
    self.chunkSize = chunkSize
    self.maxLineLength = maxLineLength
  }

  /// Calls `body` with each chunk in file order. A final line without a line break is included.
  public func forEachChunk(inFileAt path: String, _ body: (Chunk) throws -> Void) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ReadError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var pending: [UInt8] = []  // an incomplete line carried into the next chunk
    var nextLine = 1
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
      if got < 0 {
        if errno == EINTR { continue }
        throw ReadError.readFailed(path: path, reason: String(cString: strerror(errno)))
      }
      if got == 0 { break }
      var bytes = pending
      bytes.append(contentsOf: buffer[0..<got])
      // Complete lines end at the last line break of the chunk.
      guard let lastBreak = bytes.lastIndex(of: 0x0A) else {
        guard bytes.count <= maxLineLength else {
          throw ReadError.lineTooLong(path: path, line: nextLine, limit: maxLineLength)
        }
        pending = bytes
        continue
      }
      pending = Array(bytes[(lastBreak + 1)...])
      bytes.removeSubrange((lastBreak + 1)...)
      let lines = JSONLinesReader.split(bytes, firstNumber: nextLine)
      nextLine += lines.count
      try body(Chunk(bytes: bytes, lines: lines))
    }
    if !pending.isEmpty {
      let lines = JSONLinesReader.split(pending, firstNumber: nextLine)
      try body(Chunk(bytes: pending, lines: lines))
    }
  }

  /// Splits at "\n" (the text ends with "\n" or is a final unterminated line).
  static func split(_ bytes: [UInt8], firstNumber: Int) -> [Line] {
    var lines: [Line] = []
    lines.reserveCapacity(bytes.count / 256 + 1)
    bytes.withUnsafeBufferPointer { b in
      var start = 0
      var number = firstNumber
      while start < b.count {
        var end = start
        if let found = memchr(b.baseAddress! + start, 0x0A, b.count - start) {
          end = b.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        } else {
          end = b.count
        }
        let next = end + 1
        if end > start && b[end - 1] == 0x0D { end -= 1 }
        lines.append(Line(start: start, end: end, number: number))
        number += 1
        start = next
      }
    }
    return lines
  }
}
