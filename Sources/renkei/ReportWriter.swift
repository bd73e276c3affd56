import ArgumentParser
import RenkeiCore
import RenkeiReport

/// `FORMAT=FILE` from `--report`.
struct ReportRequest: ExpressibleByArgument {
  let format: ReportFormat
  let path: String

  init?(argument: String) {
    guard let equals = argument.firstIndex(of: "="),
      let format = ReportFormat(rawValue: String(argument[..<equals]))
    else { return nil }
    let path = String(argument[argument.index(after: equals)...])
    guard !path.isEmpty else { return nil }
    self.format = format
    self.path = path
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// Renders a report and sends it to a file or standard output.
enum ReportWriter {
  static func write(_ report: Report, as format: ReportFormat, to path: String?, colour: Bool) throws {
    try write(format.reporter(colour: colour).render(report), to: path)
  }

  static func write(_ text: String, to path: String?) throws {
    if let path {
      do {
        try FileHandleOutput.write(text, to: path)
      } catch {
        throw RuntimeError("cannot write report \(path): \(error.localizedDescription)")
      }
    } else {
      FileHandleOutput.standardOutput(text)
    }
  }
}
