import Foundation
import RenkeiCore

/// renkei's own machine-readable report, for scripts and dashboards.
///
/// The shape is versioned (`reportVersion`) and described by the JSON Schema shipped in this
/// module (`schemaURL`, `Schemas/report-v1.schema.json`). Adding an optional member keeps the
/// version; renaming, removing or retyping one, or adding a required one, makes a new version
/// and a new schema file.
///
/// Output is deterministic: members in a fixed order, findings in report order, `arguments` and
/// `byRule` keys sorted, and no timestamps or host names, so two runs over the same inputs give
/// the same bytes. Optional members (`fix`, `spec`, the parts of `location`) are left out when
/// absent rather than written as null.
///
/// Written with RenkeiCore's `JSONBuilder` and `JSONWriter` like all of renkei's JSON, so
/// strings are escaped the same way everywhere and nothing passes through Foundation's JSON.
public struct JSONReporter: Reporter {
  public static let identifier = "json"

  /// The value of the `reportVersion` member.
  public static let reportVersion = "1"

  /// The JSON Schema (draft 2020-12) of this output, from this module's resource bundle (which
  /// SwiftPM places beside the built binary; a distribution must ship it alongside `renkei`,
  /// since `Bundle.module` stops the process when the bundle is missing). Rendering never needs it.
  public static var schemaURL: URL? {
    Bundle.module.url(
      forResource: "report-v\(reportVersion).schema", withExtension: "json", subdirectory: "Schemas")
  }

  public init() {}

  public func render(_ report: Report) -> String {
    var json = JSONBuilder()
    json.object { json in
      json.member("reportVersion", Self.reportVersion)
      json.objectMember("tool") { tool in
        tool.member("name", "renkei")
        tool.member("version", report.toolVersion)
      }
      json.member("command", report.command)
      json.objectMember("summary") { summary in
        summary.member("files", report.subjects.count)
        summary.member("failedFiles", report.failedSubjectCount)
        summary.member("errors", report.errorCount)
        summary.member("warnings", report.warningCount)
        summary.member("infos", report.infoCount)
        summary.member("passed", report.passed)
        // Most frequent first, ties by id (`Report.countsByRule`): the order people read in.
        summary.objectMember("byRule") { byRule in
          for entry in report.countsByRule { byRule.member(entry.ruleID, entry.count) }
        }
      }
      json.arrayMember("files") { files in
        for subject in report.subjects { files.object { write(subject, into: &$0) } }
      }
    }
    return json.prettyText()
  }

  private func write(_ subject: Report.Subject, into json: inout JSONBuilder) {
    json.member("path", subject.path)
    json.member("format", subject.format)
    json.member("items", subject.itemCount)
    json.member("passed", subject.passed)
    json.objectMember("counts") { counts in
      counts.member("errors", subject.errorCount)
      counts.member("warnings", subject.warningCount)
      counts.member("infos", subject.infoCount)
    }
    json.arrayMember("findings") { findings in
      for finding in subject.reportFindings { findings.object { write(finding, into: &$0) } }
    }
  }

  private func write(_ finding: Finding, into json: inout JSONBuilder) {
    json.member("ruleId", finding.ruleID)
    json.member("severity", finding.severity.rawValue)
    json.member("message", finding.message)
    json.member("fix", ifPresent: finding.fixHint)
    json.objectMember("location") { location in
      let l = finding.location
      location.member("file", ifPresent: l.file)
      location.member("line", ifPresent: l.line)
      location.member("column", ifPresent: l.column)
      location.member("pointer", ifPresent: l.pointer)
      location.member("document", ifPresent: l.document)
      location.member("row", ifPresent: l.row)
      location.member("field", ifPresent: l.field)
    }
    if let spec = finding.spec {
      json.objectMember("spec") { json in
        json.member("document", spec.document)
        json.member("clause", spec.clause)
        json.member("url", ifPresent: spec.url)
      }
    }
    json.stringMapMember("arguments", finding.arguments)
  }
}
