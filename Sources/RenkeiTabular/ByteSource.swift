#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a table's bytes come from, block by block.
protocol ByteSource {
  /// Reads up to `count` further bytes (fewer only at the end, none after it) and hands them to
  /// `body`; returns how many there were.
  mutating func read(upTo count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(TableReadError) -> Int
}

/// The file could not be read (not a finding about the data).
public struct TableReadError: Error, Sendable, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "cannot read \(path): \(reason)" }
}

/// A file read with POSIX calls.
final class FileByteSource: ByteSource {
  private let descriptor: Int32
  private let path: String

  init(path: String) throws(TableReadError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw TableReadError(path: path, reason: String(cString: strerror(errno))) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw TableReadError(path: path, reason: "is a directory")
    }
    descriptor = fd
    self.path = path
  }

  deinit {
    close(descriptor)
    block.deallocate()
  }

  /// The block read into, allocated once and reused, so reading costs no new pages.
  private var block: UnsafeMutableRawBufferPointer = UnsafeMutableRawBufferPointer(start: nil, count: 0)

  func read(upTo count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(TableReadError) -> Int {
    if block.count < count {
      block.deallocate()
      block = .allocate(byteCount: count, alignment: 16)
    }
    var filled = 0
    while filled < count {
      let got = Glibc.read(descriptor, block.baseAddress! + filled, count - filled)
      if got < 0 {
        if errno == EINTR { continue }
        throw TableReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if got == 0 { break }
      filled += got
    }
    body(UnsafeBufferPointer(start: block.baseAddress!.assumingMemoryBound(to: UInt8.self), count: filled))
    return filled
  }
}

/// Bytes already in memory.
struct MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func read(upTo count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(TableReadError) -> Int {
    let end = min(bytes.count, position + count)
    defer { position = end }
    bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[position..<end])) }
    return end - position
  }
}
