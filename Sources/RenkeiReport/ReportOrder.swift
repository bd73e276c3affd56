import RenkeiCore

extension Report.Subject {
  /// The subject's findings as every reporter lists them: a finding without a file is about this
  /// subject, so it gets the subject's path; then file, position and rule order
  /// (`Finding.sortedForReport`), so output does not depend on the order checks ran in.
  var reportFindings: [Finding] {
    Finding.sortedForReport(
      findings.map { finding in
        guard finding.location.file == nil else { return finding }
        var filled = finding
        filled.location.file = path
        return filled
      })
  }
}

extension SourceLocation {
  /// `file[:line[:column]]`, the part of a location that editors and log viewers link
  /// ("-" when there is no file). Unlike `compact`, rows stay out: `file:row 3` links nowhere.
  var filePosition: String {
    var position = file ?? "-"
    if let line {
      position += ":\(line)"
      if let column { position += ":\(column)" }
    }
    return position
  }
}

extension Report {
  /// Subjects with at least one error.
  var failedSubjectCount: Int { subjects.count { !$0.passed } }
}

/// Counted nouns for summaries ("1 error", "2 warnings").
enum Count {
  static func of(_ count: Int, _ singular: String) -> String {
    "\(count) \(singular)\(count == 1 ? "" : "s")"
  }

  /// "2 errors, 1 warning" and ", 1 info" only when there are infos: infos never fail a run,
  /// so they are mentioned only when present.
  static func severities(errors: Int, warnings: Int, infos: Int) -> String {
    var parts = [of(errors, "error"), of(warnings, "warning")]
    if infos > 0 { parts.append(of(infos, "info")) }
    return parts.joined(separator: ", ")
  }
}
