import Foundation

/// Writing text to the standard streams and to files.
enum FileHandleOutput {
  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes `text` to `path`, creating parent folders.
  static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
