import RenkeiCore

/// GitHub-flavoured Markdown, for a pull-request comment or a CI job summary
/// (`$GITHUB_STEP_SUMMARY`): the verdict first, then a table of every file, then one section per
/// file with findings, errors first, as a table of location, rule, message, fix and spec.
///
/// Clean files appear in the summary table only, so a long run stays short to read. All text
/// from the data is escaped (`MarkdownEscaping`): a `|` or a line break in a message must not
/// split a table row, and a `*` or `<tag>` must not turn into formatting.
public struct MarkdownReporter: Reporter {
  public static let identifier = "markdown"

  public init() {}

  public func render(_ report: Report) -> String {
    var out = "# renkei report\n\n"
    let files = report.subjects.count
    let severities = Count.severities(
      errors: report.errorCount, warnings: report.warningCount, infos: report.infoCount)
    if report.passed {
      out += "✅ **Passed**: \(Count.of(files, "file")) (\(severities)).\n\n"
    } else {
      out += "❌ **Failed**: \(report.failedSubjectCount) of \(Count.of(files, "file")) failed (\(severities)).\n\n"
    }
    out += "Command: \(MarkdownEscaping.code(report.command, inTable: false)) · "
    out += "renkei \(MarkdownEscaping.inline(report.toolVersion))\n\n"

    guard !report.subjects.isEmpty else { return out + "No files were checked.\n" }

    out += "| File | Format | Items | Errors | Warnings | Result |\n"
    out += "| --- | --- | ---: | ---: | ---: | :---: |\n"
    for subject in report.subjects {
      out += row([
        MarkdownEscaping.code(subject.path, inTable: true), MarkdownEscaping.cell(subject.format),
        String(subject.itemCount), String(subject.errorCount), String(subject.warningCount),
        subject.passed ? "✅" : "❌",
      ])
    }

    for subject in report.subjects where !subject.findings.isEmpty {
      out += "\n## \(MarkdownEscaping.code(subject.path, inTable: false))\n\n"
      out += "| Severity | Location | Rule | Message | Fix | Spec |\n"
      out += "| --- | --- | --- | --- | --- | --- |\n"
      // Errors first; `reportFindings` is already in location order and the sort is stable.
      let findings = subject.reportFindings.enumerated()
        .sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
        .map(\.element)
      for finding in findings {
        out += row([
          Self.severity(finding.severity),
          location(finding.location, in: subject),
          MarkdownEscaping.code(finding.ruleID, inTable: true),
          MarkdownEscaping.cell(finding.message),
          finding.fixHint.map(MarkdownEscaping.cell) ?? "",
          finding.spec.map(Self.spec) ?? "",
        ])
      }
    }
    return out
  }

  private func row(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |\n"
  }

  private static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: return "❌ error"
    case .warning: return "⚠️ warning"
    case .info: return "ℹ️ info"
    }
  }

  /// The location within the file's section: the file itself only when the finding points to
  /// another file; "—" when the finding is about the whole file.
  private func location(_ location: SourceLocation, in subject: Report.Subject) -> String {
    var parts: [String] = []
    if let file = location.file, file != subject.path {
      parts.append(MarkdownEscaping.code(file, inTable: true))
    }
    if let document = location.document { parts.append("document \(document)") }
    if let line = location.line {
      parts.append(location.column.map { "line \(line), column \($0)" } ?? "line \(line)")
    }
    if let row = location.row { parts.append("row \(row)") }
    if let field = location.field {
      parts.append(field.isEmpty ? "unnamed field" : "field " + MarkdownEscaping.code(field, inTable: true))
    }
    if let pointer = location.pointer {
      parts.append(pointer.isEmpty ? "whole document" : MarkdownEscaping.code(pointer, inTable: true))
    }
    return parts.isEmpty ? "—" : parts.joined(separator: ", ")
  }

  private static func spec(_ spec: SpecReference) -> String {
    let citation = MarkdownEscaping.cell(spec.citation)
    guard let url = spec.url else { return citation }
    return "[\(citation)](\(MarkdownEscaping.destination(url)))"
  }
}
