import Foundation
import RenkeiCore

/// A file to validate, as found by `InputCollector`.
public struct InputFile: Sendable, Hashable {
  /// The path as given or found (used in reports).
  public let path: String
  /// The format, from the extension or the content; nil when not recognised.
  public let format: InputFormat?
}

/// Expands the command line's paths into files: files as given, directories walked
/// recursively in sorted order. Hidden entries and documentation (README.md, LICENSE, NOTICE
/// ...) found in directories are passed over; any other file renkei does not read is kept,
/// without a format, so the report can say it was not validated.
public struct InputCollector: Sendable {
  public struct MissingPath: Error, Sendable, CustomStringConvertible {
    public let path: String
    public var description: String { "no such file or directory: \(path)" }
  }

  /// Forces one format for every file (`--input-format`).
  public var forcedFormat: InputFormat?

  public init(forcedFormat: InputFormat? = nil) { self.forcedFormat = forcedFormat }

  public func collect(_ paths: [String]) throws -> [InputFile] {
    var files: [InputFile] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
      if isDirectory.boolValue {
        files += try walk(path)
      } else {
        files.append(InputFile(path: path, format: try forcedFormat ?? detect(path, sniffing: true)))
      }
    }
    return files
  }

  /// Files of a directory: every non-hidden file, with a format when renkei reads it.
  private func walk(_ directory: String) throws -> [InputFile] {
    let manager = FileManager.default
    var out: [InputFile] = []
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    for name in try manager.contentsOfDirectory(atPath: directory).sorted()
    where !name.hasPrefix(".") && !InputCollector.isDocumentation(name) {
      let path = base + "/" + name
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      if isDirectory.boolValue {
        out += try walk(path)
      } else {
        out.append(InputFile(path: path, format: try forcedFormat ?? detect(path, sniffing: false)))
      }
    }
    return out
  }

  /// Prose that travels with data sets and is never data.
  static func isDocumentation(_ name: String) -> Bool {
    let lower = name.lowercased()
    let stem = lower.split(separator: ".").first.map(String.init) ?? lower
    if ["license", "licence", "notice", "copying", "readme", "authors", "changelog"].contains(stem) { return true }
    return ["md", "markdown", "rst", "txt", "pdf", "html", "htm"].contains((lower as NSString).pathExtension)
  }

  /// The extension decides; a file named explicitly without a known extension is sniffed.
  private func detect(_ path: String, sniffing: Bool) throws -> InputFormat? {
    let ext = (path as NSString).pathExtension
    if let format = InputFormat(extension: ext) { return format }
    guard sniffing else { return nil }
    return InputFormat.sniff(try FileBytes.prefix(path, count: 4096))
  }
}
