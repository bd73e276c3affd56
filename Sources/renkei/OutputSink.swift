import Foundation

/// Converted output written straight to a file descriptor (standard output or a file), in the
/// blocks the converter produces, so memory stays flat whatever the input's size.
final class OutputSink {
  private let descriptor: Int32
  private let path: String?

  init(path: String?) throws {
    self.path = path
    guard let path else {
      descriptor = STDOUT_FILENO
      return
    }
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw RuntimeError("cannot write \(path): \(String(cString: strerror(errno)))") }
    descriptor = fd
  }

  func write(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw RuntimeError("cannot write \(path ?? "standard output"): \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }

  func close() throws {
    if path != nil { Foundation.close(descriptor) }
  }
}

/// `converting 222127_aed.csv: 120,000 rows` on standard error, rewritten in place, only when
/// standard error is a terminal and the input is large enough to wait for.
final class ProgressLine {
  private let path: String
  private let start = Date()
  private var last = Date.distantPast
  private var shown = false

  init?(path: String) {
    guard isatty(STDERR_FILENO) != 0 else { return nil }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size >= 16 << 20 else { return nil }
    self.path = path
  }

  func update(rows: Int) {
    let now = Date()
    guard now.timeIntervalSince(last) >= 0.25 else { return }
    last = now
    shown = true
    let rate = Double(rows) / max(now.timeIntervalSince(start), 0.001)
    FileHandleOutput.standardError("\rconverting \(path): \(rows) rows (\(Int(rate)) rows/s)\u{1B}[K")
  }

  func finish() {
    if shown { FileHandleOutput.standardError("\r\u{1B}[K") }
  }
}
