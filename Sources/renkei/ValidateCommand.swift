import ArgumentParser
import Foundation
import RenkeiCore
import RenkeiReport
import RenkeiValidation

/// `renkei validate PATH...`
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check JSON, JSON Lines, YAML and XML files (well-formedness, XSD).",
    discussion: """
      Directories are walked recursively. The format comes from the file extension
      (.json .geojson .jsonld, .jsonl .ndjson, .yaml .yml, .xml); a file named on the command
      line without a known extension is recognised by its content.
      """)

  @Argument(help: "Files or directories to validate.")
  var paths: [String]

  @Option(help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: "|")).")
  var format: ReportFormat = .text

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp(
      "Also write a report as FORMAT=FILE (repeatable), e.g. --report junit=reports/validate.xml.",
      valueName: "format=file"))
  var extraReports: [ReportRequest] = []

  @Option(help: "Validate every XML input against this XML Schema (XSD).")
  var xsd: String?

  @Option(help: "Read every input as this format: json|jsonl|yaml|xml.")
  var inputFormat: InputFormat?

  @Option(help: "Deepest nesting of arrays and objects accepted.")
  var maxDepth: Int = JSONParser.Options().maxDepth

  func validate() throws {
    guard maxDepth > 0 else { throw ValidationError("--max-depth must be positive") }
  }

  func run() throws {
    let runner = ValidationRunner(
      options: .init(maxDepth: maxDepth, xsdPath: xsd, forcedFormat: inputFormat))
    let outcome: ValidationRunner.Outcome
    do {
      outcome = try runner.run(paths)
    } catch {
      throw ValidationError("\(error)")
    }
    let colour = output == nil
      && TextReporter.shouldUseColour(
        isTerminal: FileHandleOutput.standardOutputIsTerminal,
        environment: ProcessInfo.processInfo.environment)
    try ReportWriter.write(outcome.report, as: format, to: output, colour: colour)
    for request in extraReports {
      try ReportWriter.write(outcome.report, as: request.format, to: request.path, colour: false)
    }
    if !outcome.unreadable.isEmpty { throw ExitCode(2) }
    if !outcome.report.passed { throw ExitCode(1) }
  }
}

extension InputFormat: ExpressibleByArgument {}
