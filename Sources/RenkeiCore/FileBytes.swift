#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads whole files into bytes with POSIX calls (no Foundation `Data` copy).
public enum FileBytes {
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot read \(path): \(reason)" }
  }

  public static func read(_ path: String) throws(ReadError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw ReadError(path: path, reason: String(cString: strerror(errno)))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: path, reason: "is a directory") }
    var bytes: [UInt8] = []
    // Files whose size stat does not know (pipes) grow the buffer as they are read.
    var capacity = max(Int(info.st_size), 0) + 1
    bytes.reserveCapacity(capacity)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let want = max(1 << 16, capacity - bytes.count)
      if chunk.count < want { chunk = [UInt8](repeating: 0, count: want) }
      let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
      if got < 0 {
        if errno == EINTR { continue }
        throw ReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if got == 0 { break }
      bytes.append(contentsOf: chunk[0..<got])
      capacity = max(capacity, bytes.count + 1)
    }
    return bytes
  }

  /// The first `count` bytes of a file (for content sniffing).
  public static func prefix(_ path: String, count: Int) throws(ReadError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: count)
    let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, count) }
    guard got >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
    return Array(buffer[0..<got])
  }
}
