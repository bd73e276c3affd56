import ArgumentParser
import Foundation
import RenkeiCore
import RenkeiDatasets
import RenkeiFormats
import RenkeiModels
import RenkeiReport
import RenkeiSchema
import RenkeiTabular
import RenkeiValidation

/// `renkei validate PATH...`
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check JSON, JSON Lines, YAML, XML and CSV files (well-formedness, XSD, JSON Schema, Table Schema).",
    discussion: """
      Directories are walked recursively. The format comes from the file extension
      (.json .geojson .jsonld, .jsonl .ndjson, .yaml .yml, .xml, .csv .tsv); a file named on the
      command line without a known extension is recognised by its content.
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

  @Option(
    help: ArgumentHelp(
      "Validate every JSON, JSON Lines and YAML document against this JSON Schema (JSON or YAML), "
        + "or every CSV file against this Table Schema (a JSON object with a \"fields\" array)."))
  var schema: String?

  @Option(
    help:
      "Validate every entity against this data model (see `renkei models list`), in any NGSI-LD or NGSI v2 representation."
  )
  var model: String?

  @Option(
    help:
      "The entities' representation instead of detecting it: \(Representation.allCases.map(\.rawValue).joined(separator: "|"))."
  )
  var representation: Representation?

  @Flag(help: "Check every JSON, JSON Lines and YAML document as GeoJSON (RFC 7946); .geojson files always are.")
  var geojson = false

  @Option(help: "Dialect for schemas without $schema: 4|6|7|2019-09|2020-12 (default 2020-12).")
  var dialect: String?

  @Flag(help: "Treat JSON Schema \"format\" as an assertion, not only an annotation.")
  var assertFormat = false

  @Option(help: "Register every schema (*.json) in this folder under its $id (repeatable).")
  var schemaDir: [String] = []

  @Option(
    name: .customLong("ref"),
    help: ArgumentHelp("Serve the schema URL from a local file (repeatable).", valueName: "url=path"))
  var references: [String] = []

  @Option(
    help: ArgumentHelp(
      "With --format json and --schema: write JSON Schema's standard output units (flag|basic|detailed) for each failing document instead of renkei's report.",
      valueName: "style"))
  var schemaOutput: SchemaOutputReporter.Style?

  @Flag(help: "Fetch remote $ref targets that are not registered (cached on disk). Off by default: runs are offline.")
  var allowNetwork = false

  @Option(help: "Read every input as this format: json|jsonl|yaml|xml|csv.")
  var inputFormat: InputFormat?

  @Option(help: "Deepest nesting of arrays and objects accepted.")
  var maxDepth: Int = JSONParser.Options().maxDepth

  @Option(help: "Read CSV files in this encoding instead of detecting it: \(TextEncoding.acceptedNames).")
  var encoding: String?

  @Option(help: "The CSV header is this row (1-based; 0 for no header) instead of the detected one.")
  var headerRow: Int?

  @Option(help: "The CSV delimiter instead of the detected one: a character, or tab|comma|semicolon|pipe.")
  var delimiter: String?

  @Option(
    help: ArgumentHelp(
      "Check CSV files as this Japanese standard dataset (e.g. aed, public_toilet-2024; `renkei datasets list`); "
        + "`auto` (the default without --schema) picks it from the file name or the header, `none` turns the checks off.",
      valueName: "name"))
  var dataset: String?

  func validate() throws {
    guard maxDepth > 0 else { throw ValidationError("--max-depth must be positive") }
    if let dialect, Dialect(shortName: dialect) == nil {
      throw ValidationError("unknown dialect \(dialect): use 4, 6, 7, 2019-09 or 2020-12")
    }
    if model != nil && schema != nil { throw ValidationError("give either --model or --schema") }
    if let dataset, dataset != "auto" && dataset != "none" && schema != nil {
      throw ValidationError("give either --dataset \(dataset) or --schema")
    }
    if representation != nil && model == nil { throw ValidationError("--representation goes with --model") }
    if schemaOutput != nil && (schema == nil || format != .json) {
      throw ValidationError("--schema-output needs --schema and --format json")
    }
    for reference in references where !reference.contains("=") {
      throw ValidationError("--ref takes URL=PATH, got \(reference)")
    }
    if let encoding, TextEncoding(name: encoding) == nil {
      throw ValidationError("unknown encoding \(encoding): use \(TextEncoding.acceptedNames)")
    }
    if let headerRow, headerRow < 0 { throw ValidationError("--header-row must be 0 (no header) or a row number") }
    if let delimiter, CSVDialect.delimiter(named: delimiter) == nil {
      throw ValidationError("--delimiter takes one ASCII character (or tab, comma, semicolon, pipe), got \(delimiter)")
    }
  }

  /// How CSV files are read, from --encoding, --header-row and --delimiter.
  func tabularOptions() -> TableValidator.Options {
    var dialect = CSVDialect()
    dialect.delimiter = delimiter.flatMap(CSVDialect.delimiter(named:))
    if let headerRow { dialect.header = headerRow == 0 ? .none : .rows([headerRow]) }
    return TableValidator.Options(dialect: dialect, encoding: encoding.flatMap(TextEncoding.init(name:)))
  }

  /// The Table Schema at `path`, or nil when the file holds something else (a JSON Schema).
  func tableSchema(at path: String) throws -> TableSchema? {
    let bytes = try FileBytes.read(path)
    let lower = path.lowercased()
    let document: JSONDocument
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
      guard let first = YAMLReader().read(bytes, file: path).documents.first else { return nil }
      document = first
    } else {
      guard let parsed = try? JSONParser().parse(bytes) else { return nil }
      document = parsed.document
    }
    guard TableSchema.isTableSchema(document.root) else { return nil }
    return try TableSchema(descriptor: document.root)
  }

  /// The dataset checks for CSV files, from --dataset (detection by default).
  func datasetProfile() throws -> DatasetTableProfile? {
    let choice = dataset ?? "auto"
    guard choice != "none" else { return nil }
    let catalog: DatasetCatalog
    do {
      catalog = try DatasetCatalog.standard(profiles: ProfileLocator.profilesDirectory())
    } catch {
      throw RuntimeError("dataset profiles: \(error)")
    }
    if choice == "auto" { return catalog.profiles.isEmpty ? nil : DatasetTableProfile(.detect(catalog)) }
    guard let profile = catalog.profile(named: choice) else {
      throw RuntimeError(
        "unknown dataset \(choice): use one of \(catalog.names.joined(separator: ", ")), auto or none")
    }
    return DatasetTableProfile(.named(profile))
  }

  func run() throws {
    var checks = DocumentChecks(assertFormat: assertFormat)
    if geojson { checks.geoJSON = GeoJSONValidator() }
    var tabular = tabularOptions()
    if let schema {
      do {
        tabular.schema = try tableSchema(at: schema)
      } catch {
        throw RuntimeError("schema \(schema): \(error)")
      }
      if tabular.schema != nil && schemaOutput != nil {
        throw RuntimeError("--schema-output applies to JSON Schemas; \(schema) is a Table Schema")
      }
    }
    if tabular.schema == nil { tabular.profile = try datasetProfile() }
    if let schema, tabular.schema == nil {
      do {
        checks.schema = try SchemaLoader(
          dialect: dialect.flatMap(Dialect.init(shortName:)) ?? .draft2020_12, schemaDirectories: schemaDir,
          references: references, allowNetwork: allowNetwork
        ).load(schema)
      } catch {
        throw RuntimeError("schema \(schema): \(error)")
      }
    }
    if let model {
      do {
        let catalog = ModelCatalog.standard(profiles: ProfileLocator.profilesDirectory())
        let entry = try catalog.model(named: model)
        checks.model = ModelValidator(
          model: entry, schema: try catalog.schema(for: entry), representation: representation,
          assertFormat: assertFormat)
      } catch {
        throw RuntimeError("model \(model): \(error)")
      }
    }
    var options = ValidationRunner.Options(maxDepth: maxDepth, xsdPath: xsd, forcedFormat: inputFormat, checks: checks)
    options.tabular = tabular
    let runner = ValidationRunner(options: options)
    let outcome: ValidationRunner.Outcome
    do {
      outcome = try runner.run(paths)
    } catch {
      throw RuntimeError("\(error)")
    }
    let colour =
      output == nil
      && TextReporter.shouldUseColour(
        isTerminal: FileHandleOutput.standardOutputIsTerminal,
        environment: ProcessInfo.processInfo.environment)
    if let schemaOutput {
      try ReportWriter.write(SchemaOutputReporter(style: schemaOutput).render(outcome.report), to: output)
    } else {
      try ReportWriter.write(outcome.report, as: format, to: output, colour: colour)
    }
    for request in extraReports {
      try ReportWriter.write(outcome.report, as: request.format, to: request.path, colour: false)
    }
    if !outcome.unreadable.isEmpty { throw ExitCode(2) }
    if !outcome.report.passed { throw ExitCode(1) }
  }
}

extension InputFormat: ExpressibleByArgument {}
extension SchemaOutputReporter.Style: ExpressibleByArgument {}
extension Representation: ExpressibleByArgument {}
