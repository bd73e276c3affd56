import RenkeiCore

/// Human-readable output in the shape compilers use, so editors, terminals and CI log viewers
/// that link `file:line:column:` prefixes work on it unchanged:
///
///     data/shops.json:3:5: error: Duplicate member name "name". [json-duplicate-key]
///       at: pointer /name
///       fix: Remove or rename one of the members.
///       see: RFC 8259 §4 <https://www.rfc-editor.org/rfc/rfc8259#section-4>
///
/// The header keeps to `file[:line[:column]]` because that is what tools parse; the other parts
/// of a location (document in a stream, JSON Pointer, table row and field) go on the `at:` line.
/// Continuation lines of a multi-line message are indented four spaces, detail lines two.
/// After the findings: one summary line per file and a total line.
///
/// Text from the data (paths, messages) has its control characters made visible, so an input
/// file cannot drive the terminal.
public struct TextReporter: Reporter {
  public static let identifier = "text"

  /// Whether to add ANSI colours. The reporter never looks at the terminal or the environment
  /// itself: the caller decides, normally with `shouldUseColour(isTerminal:environment:)`.
  public var colour: Bool

  public init(colour: Bool = false) {
    self.colour = colour
  }

  public func render(_ report: Report) -> String {
    var out = ""
    for subject in report.subjects {
      for finding in subject.reportFindings { out += text(for: finding) }
    }
    if !report.subjects.isEmpty {
      if !out.isEmpty { out += "\n" }
      for subject in report.subjects { out += summaryLine(subject) + "\n" }
    }
    return out + totalLine(report) + "\n"
  }

  /// Whether `text` output should be coloured.
  ///
  /// - `NO_COLOR` set to any non-empty value disables colour (https://no-color.org); it wins
  ///   over everything else, because it is the user's standing request.
  /// - Otherwise `FORCE_COLOR` set to a non-empty value enables colour even without a terminal
  ///   (CI log viewers render ANSI), except the values `0` and `false`, which disable it, as
  ///   Node.js and chalk read them.
  /// - Otherwise `TERM=dumb` disables colour, and the answer is whether the output is a terminal.
  public static func shouldUseColour(isTerminal: Bool, environment: [String: String]) -> Bool {
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if let force = environment["FORCE_COLOR"], !force.isEmpty {
      return force != "0" && force.lowercased() != "false"
    }
    if environment["TERM"] == "dumb" { return false }
    return isTerminal
  }

  // MARK: - Findings

  /// One finding: the compiler-style header line and its indented details, each line ending in
  /// a newline. The JUnit reporter reuses it (without colour) as failure text.
  func text(for finding: Finding) -> String {
    let location = finding.location
    let position = ControlCharacters.visible(location.filePosition)
    let message = ControlCharacters.visible(finding.message)
      .split(separator: "\n", omittingEmptySubsequences: false)
    let ruleID = ControlCharacters.visible(finding.ruleID)

    var out =
      paint(position + ":", .bold) + " "
      + paint(finding.severity.rawValue + ":", Self.style(of: finding.severity)) + " "
      + paint(String(message[0]), .bold) + " " + paint("[\(ruleID)]", .dim) + "\n"
    for line in message.dropFirst() { out += "    " + paint(String(line), .bold) + "\n" }

    if let place = Self.place(location) {
      out += detail("at:", .dim, place)
    }
    if let model = finding.arguments["model"] {
      // Findings of `validate --model` say which model and which representation they judged.
      let representation = finding.arguments["representation"].map { ", \($0)" } ?? ""
      out += detail("model:", .dim, ControlCharacters.visible(model + representation))
    }
    if let fix = finding.fixHint {
      out += detail("fix:", .green, ControlCharacters.visible(fix))
    }
    if let spec = finding.spec {
      var see = spec.citation
      if let url = spec.url { see += " <\(url)>" }
      out += detail("see:", .blue, ControlCharacters.visible(see))
    }
    return out
  }

  /// The parts of a location that `file:line:column` cannot say, or nil when there are none.
  private static func place(_ location: SourceLocation) -> String? {
    var parts: [String] = []
    if let document = location.document { parts.append("document \(document)") }
    if let row = location.row { parts.append("row \(row)") }
    if let field = location.field { parts.append("field \"\(ControlCharacters.visible(field))\"") }
    if let pointer = location.pointer {
      // The empty pointer is the whole document; written bare it would look like nothing.
      parts.append(pointer.isEmpty ? "pointer \"\" (whole document)" : "pointer \(ControlCharacters.visible(pointer))")
    }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  private func detail(_ label: String, _ style: Style, _ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var out = "  " + paint(label, style) + " " + lines[0] + "\n"
    for line in lines.dropFirst() { out += "    " + line + "\n" }
    return out
  }

  // MARK: - Summary

  private func summaryLine(_ subject: Report.Subject) -> String {
    let path = ControlCharacters.visible(subject.path)
    let format = ControlCharacters.visible(subject.format)
    var line = paint(path, .bold) + " (\(format), \(Count.of(subject.itemCount, "item"))): "
    line += subject.passed ? paint("passed", .green) : paint("failed", .red)
    let counts = [
      (subject.errorCount, "error"), (subject.warningCount, "warning"), (subject.infoCount, "info"),
    ]
    for (count, noun) in counts where count > 0 { line += ", " + Count.of(count, noun) }
    return line
  }

  private func totalLine(_ report: Report) -> String {
    let files = report.subjects.count
    var line = Count.of(files, "file") + ", "
    line += Count.severities(
      errors: report.errorCount, warnings: report.warningCount, infos: report.infoCount)
    line += ": "
    if report.passed {
      line += paint("passed", .green)
    } else {
      line += paint("\(report.failedSubjectCount) of \(Count.of(files, "file")) failed", .red)
    }
    return line
  }

  // MARK: - Colour

  /// SGR parameters. Severity colours follow compilers: red errors, yellow warnings, cyan notes.
  private enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "1;31"
    case yellow = "1;33"
    case cyan = "1;36"
    case green = "32"
    case blue = "34"
  }

  private static func style(of severity: Severity) -> Style {
    switch severity {
    case .error: return .red
    case .warning: return .yellow
    case .info: return .cyan
    }
  }

  private func paint(_ text: String, _ style: Style) -> String {
    colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
