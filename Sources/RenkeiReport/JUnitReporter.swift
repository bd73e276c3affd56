import RenkeiCore

/// JUnit XML, the one test-result format every CI server reads (Jenkins, GitLab, Azure DevOps,
/// GitHub test-report actions). Output validates against the jenkinsci/xunit-plugin
/// `junit-10.xsd`.
///
/// JUnit knows tests that pass or fail, not findings, so the mapping is:
/// - each file is a `<testsuite>` (name and `file` = the path), with `<properties>` for its
///   format, item count, the renkei version, and the spec clause of each rule that fired
///   (`spec.<rule-id>`);
/// - each rule that fired in the file is a `<testcase>` named by the rule id. It fails when
///   the rule reported at least one error, and its `<failure>` lists every finding of that rule
///   in the `text` format; a rule that only warned passes, with its findings in `<system-out>`,
///   because only errors fail a run and the CI view should agree with renkei's exit code;
/// - a file with no errors gets one passing testcase named after the command ("validate"), so a
///   clean file shows as a passed test rather than an empty suite, which some servers hide or
///   flag.
///
/// Case names are rule ids, stable from run to run, so a server's history ("failing since
/// build 12") follows a rule in a file. `classname` is the path exactly: GitLab shows it as
/// given; Jenkins splits a classname at its last dot into package and class, so
/// `data/shops.csv` appears as package `data/shops`, class `csv`, which still reads as the path.
/// No `time` or `timestamp` attributes: nothing is timed, and the output stays deterministic.
public struct JUnitReporter: Reporter {
  public static let identifier = "junit"

  public init() {}

  public func render(_ report: Report) -> String {
    let suites = report.subjects.map { Suite($0, command: report.command) }
    var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    out += "<testsuites"
    out += attributes([
      ("name", "renkei \(report.command)"),
      ("tests", String(suites.reduce(0) { $0 + $1.cases.count })),
      ("failures", String(suites.reduce(0) { $0 + $1.failureCount })),
      ("errors", "0"),
    ])
    out += ">\n"
    for suite in suites { out += suite.xml(toolVersion: report.toolVersion) }
    return out + "</testsuites>\n"
  }
}

extension JUnitReporter {
  /// One file as a testsuite.
  struct Suite {
    let subject: Report.Subject
    let cases: [Case]

    init(_ subject: Report.Subject, command: String) {
      self.subject = subject
      var byRule: [String: [Finding]] = [:]
      for finding in subject.reportFindings { byRule[finding.ruleID, default: []].append(finding) }
      // Failing cases first, then warnings, then infos; by rule id within each.
      var cases = byRule.map { Case(name: $0.key, findings: $0.value) }
        .sorted { ($0.severity, $0.name) < ($1.severity, $1.name) }
      if subject.passed { cases.append(Case(name: command, findings: [])) }
      self.cases = cases
    }

    var failureCount: Int { cases.count(where: \.fails) }

    func xml(toolVersion: String) -> String {
      var out = "  <testsuite"
      out += attributes([
        ("name", subject.path),
        ("tests", String(cases.count)),
        ("failures", String(failureCount)),
        ("errors", "0"),
        ("skipped", "0"),
        ("file", subject.path),
      ])
      out += ">\n    <properties>\n"
      var properties = [
        ("format", subject.format), ("items", String(subject.itemCount)),
        ("renkei.version", toolVersion),
      ]
      for testCase in cases {
        guard let spec = testCase.findings.lazy.compactMap(\.spec).first else { continue }
        properties.append(("spec.\(testCase.name)", spec.citation + (spec.url.map { " <\($0)>" } ?? "")))
      }
      for (name, value) in properties {
        out += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
      }
      out += "    </properties>\n"
      for testCase in cases { out += testCase.xml(classname: subject.path) }
      return out + "  </testsuite>\n"
    }
  }

  /// One rule in one file (or the passing case of a clean file).
  struct Case {
    let name: String
    let findings: [Finding]

    /// The most severe finding's severity; a case without findings sorts last.
    var severity: Severity { findings.map(\.severity).min() ?? .info }
    var fails: Bool { findings.contains { $0.severity == .error } }

    func xml(classname: String) -> String {
      var out = "    <testcase" + attributes([("name", name), ("classname", classname)])
      guard !findings.isEmpty else { return out + "/>\n" }
      out += ">\n"
      let reporter = TextReporter(colour: false)
      var details = findings.map(reporter.text(for:)).joined()
      if details.hasSuffix("\n") { details.removeLast() }
      if fails {
        let errors = findings.filter { $0.severity == .error }
        var message = errors[0].location.filePosition + ": " + errors[0].message
        if errors.count > 1 { message += " (and \(Count.of(errors.count - 1, "more error")))" }
        out += "      <failure" + attributes([("type", name), ("message", message)]) + ">"
        out += XMLEscaping.text(details) + "</failure>\n"
      } else {
        out += "      <system-out>" + XMLEscaping.text(details) + "</system-out>\n"
      }
      return out + "    </testcase>\n"
    }
  }
}

/// ` name="value"` pairs, escaped, in the order given.
private func attributes(_ pairs: [(String, String)]) -> String {
  pairs.map { " \($0.0)=\"\(XMLEscaping.attribute($0.1))\"" }.joined()
}
