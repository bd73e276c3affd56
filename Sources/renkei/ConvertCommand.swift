import ArgumentParser
import Foundation
import RenkeiConvert
import RenkeiCore
import RenkeiModels
import RenkeiReport
import RenkeiTabular

/// `renkei convert INPUT --to TARGET`
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract:
      "Convert open data (CSV, JSON, JSON Lines, XML) to NGSI-LD, NGSI v2, GeoJSON, JSON-LD or clean standard CSV.",
    discussion: """
      The mapping comes from --mapping (a name in profiles/mappings/ or a YAML file), else from the \
      file name (222127_aed.csv → aed) or the CSV header. Every entity is validated against the \
      mapping's model unless --no-validate. Entities go to standard output (or --output) as a JSON \
      array, or JSON Lines with --jsonl (or an --output ending in .jsonl/.ndjson); findings and the \
      summary (rows in, entities out, rows rejected) go to standard error.

      Exit codes: 0 every row converted, 1 rows rejected (0 with --allow-partial), 2 usage or I/O error.
      """)

  @Argument(help: "The file to convert.")
  var input: String

  @Option(help: "Target: \(ConversionTarget.allCases.map(\.rawValue).joined(separator: "|")).")
  var to: ConversionTarget = .ngsiLD

  @Option(help: "Mapping name (see profiles/mappings/) or a mapping YAML file; detected when omitted.")
  var mapping: String?

  @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
  var output: String?

  @Flag(help: "Write JSON Lines (one entity per line) instead of one JSON array.")
  var jsonl = false

  @Option(help: "Read the input as csv|json|jsonl|xml instead of going by its extension.")
  var inputFormat: ConvertInputFormat?

  @Option(
    help: ArgumentHelp(
      "JSON/JSON Lines: JSON Pointer to the array of records; XML: path of the repeating element (e.g. facilities/facility).",
      valueName: "pointer-or-path"))
  var records: String?

  @Option(help: "CSV: the encoding instead of detecting it (\(TextEncoding.acceptedNames)).")
  var encoding: String?

  @Option(help: "CSV: the delimiter instead of detecting it (, ; tab |).")
  var delimiter: String?

  @Flag(help: "Do not validate the entities against the mapping's model.")
  var noValidate = false

  @Flag(help: "Exit 0 even if rows were rejected (they are still reported).")
  var allowPartial = false

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp(
      "Also write the findings as FORMAT=FILE (repeatable), e.g. --report json=reports/convert.json.",
      valueName: "format=file"))
  var reports: [ReportRequest] = []

  @Flag(name: .shortAndLong, help: "Print only errors and the summary to standard error.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Load the entities into a broker: NGSI-LD batch upsert (--to ngsi-ld, ngsi-ld-concise) or NGSI v2 /v2/op/update (--to ngsi-v2, ngsi-v2-keyvalues), in batches; with --post nothing is written to standard output.",
      valueName: "url"))
  var post: String?

  @Option(help: "With --post: the tenant (NGSILD-Tenant, or Fiware-Service for NGSI v2).")
  var tenant: String?

  @Option(help: "With --post to NGSI v2: the Fiware-ServicePath.")
  var servicePath: String?

  @Option(help: "With --post: a bearer token (or set RENKEI_TOKEN, which keeps it out of the process list).")
  var token: String?

  @Option(help: "With --post: entities per request (default 100).")
  var batchSize: Int = 100

  @Option(help: "With --post: seconds to wait for each answer (default 30).")
  var timeout: Int = 30

  @Option(
    help: "With --post: further attempts for a batch that failed for the network or a 5xx/429 answer (default 3).")
  var retries: Int = 3

  func run() throws {
    guard FileManager.default.fileExists(atPath: input) else {
      throw RuntimeError("cannot read \(input): no such file")
    }
    let profiles = ProfileLocator.profilesDirectory()
    let format = inputFormat ?? ConvertInputFormat(path: input)
    let csvSource = CSVRecordSource(path: input, options: try csvOptions())
    let (chosen, reason) = try chooseMapping(profiles: profiles, format: format, csv: csvSource)
    let source: any RecordSource
    switch format {
    case .csv: source = csvSource
    case .json, .jsonl:
      var pointer: JSONPointer?
      if let records {
        guard let parsed = JSONPointer(records) else {
          throw ValidationError("--records \(records) is not a JSON Pointer")
        }
        pointer = parsed
      }
      source = JSONRecordSource(path: input, lines: format == .jsonl, records: pointer, mapping: chosen)
    case .xml:
      guard let records else { throw ValidationError("XML input needs --records, the path of the repeating element") }
      source = XMLRecordSource(path: input, records: records, mapping: chosen)
    }
    do { try ConversionRunner.check(chosen, for: to) } catch { throw RuntimeError(error.description) }
    var validator: ModelValidator?
    if !noValidate {
      let catalog = ModelCatalog.standard(profiles: profiles)
      do {
        let model = try catalog.model(named: chosen.model)
        validator = ModelValidator(
          model: model, schema: try catalog.schema(for: model), representation: validationRepresentation,
          assertFormat: false)
      } catch {
        throw RuntimeError("mapping \(chosen.name): \(error)")
      }
    }
    let layout: OutputLayout =
      jsonl || (output.map { $0.hasSuffix(".jsonl") || $0.hasSuffix(".ndjson") } ?? false) ? .lines : .array
    let runner = ConversionRunner(
      mapping: chosen,
      options: .init(target: to, layout: layout, validator: validator, workers: TableValidatorCores.count))
    let progress = ProgressLine(path: input)
    runner.progress = progress.map { line in { line.update(rows: $0) } }
    let poster = try makePoster()
    let sink = try OutputSink(path: poster != nil && output == nil ? "/dev/null" : output)
    let framing = runner.framing(layout)
    var first = true
    let summary: ConversionSummary
    do {
      try sink.write(framing.opening)
      summary = try runner.run(source) { bytes, items in
        guard !items.isEmpty else { return }
        if let poster {
          for item in items { poster.add(row: item.row, id: item.id, json: bytes[item.range]) }
        }
        if framing.separator.isEmpty {
          // Lines and CSV rows: a batch without gaps goes out as it is.
          if items.reduce(0, { $0 + $1.range.count }) == bytes.count { return try sink.write(bytes) }
          var out: [UInt8] = []
          for item in items { out.append(contentsOf: bytes[item.range]) }
          return try sink.write(out)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + items.count * 2)
        for item in items {
          if !first { out += framing.separator }
          first = false
          out.append(contentsOf: bytes[item.range])
        }
        try sink.write(out)
      }
      try sink.write(framing.closing)
      try sink.close()
    } catch let error as MappingError {
      throw RuntimeError(error.description)
    } catch let error as RuntimeError {
      throw error
    } catch {
      throw RuntimeError("\(error)")
    }
    progress?.finish()
    poster?.finish()
    var findings = summary.findings + (poster?.findings ?? [])
    findings.insert(
      ConvertRules.mappingChosen.finding(
        at: SourceLocation(file: input),
        ["mapping": chosen.name, "reason": reason, "model": chosen.model, "target": to.rawValue]), at: 0)
    let shown = findings.filter { finding in
      if quiet { return finding.severity == .error }
      return finding.severity != .info || finding.ruleID == "convert-mapping"
    }
    let report = Report(
      command: "convert", toolVersion: RenkeiVersion.current,
      subjects: [Report.Subject(path: input, format: format.rawValue, itemCount: summary.rowsIn, findings: findings)])
    if !shown.isEmpty {
      for finding in Finding.sortedForReport(shown) {
        var place = finding.location.compact
        if finding.location.line != nil, let field = finding.location.field { place += " " + field }
        if let pointer = finding.location.pointer, !pointer.isEmpty { place += " " + pointer }
        FileHandleOutput.standardError("\(place): \(finding.severity.rawValue) \(finding.ruleID): \(finding.message)\n")
      }
    }
    for (rule, count) in summary.unlisted.sorted(by: { $0.key < $1.key }) {
      FileHandleOutput.standardError("\(input): \(count) more \(rule) findings not listed\n")
    }
    FileHandleOutput.standardError(summary.line + "\n")
    if let poster {
      FileHandleOutput.standardError(
        "\(poster.endpoint): \(poster.accepted) entities accepted, \(poster.failed) not accepted (\(poster.requests) requests)\n"
      )
    }
    for request in reports {
      try ReportWriter.write(report, as: request.format, to: request.path, colour: false)
    }
    if (summary.rejected > 0 || (poster?.failed ?? 0) > 0) && !allowPartial { throw ExitCode(1) }
  }

  private func makePoster() throws -> EntityPoster? {
    guard let post else { return nil }
    let dialect: EntityPoster.Dialect
    switch to {
    case .ngsiLD, .ngsiLDConcise: dialect = .ngsiLD
    case .ngsiV2, .ngsiV2KeyValues: dialect = .ngsiV2
    default:
      throw ValidationError(
        "--post sends NGSI-LD (--to ngsi-ld or ngsi-ld-concise) or NGSI v2 (--to ngsi-v2 or ngsi-v2-keyvalues)")
    }
    guard post.hasPrefix("http://") || post.hasPrefix("https://") else {
      throw ValidationError("--post needs an http(s) URL")
    }
    let environmentToken = ProcessInfo.processInfo.environment["RENKEI_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    return EntityPoster(
      options: .init(
        url: post, dialect: dialect, keyValues: to == .ngsiV2KeyValues, tenant: tenant, servicePath: servicePath,
        token: token ?? environmentToken, batchSize: batchSize, timeout: .seconds(max(1, timeout)),
        retries: retries),
      file: input)
  }

  /// What the validator is told the entities are in (csv, json-ld and GeoJSON are checked in
  /// NGSI-LD key-values).
  private var validationRepresentation: Representation? {
    switch to {
    case .csv, .jsonLD, .geojson: return .ngsiLDKeyValues
    default: return to.representation
    }
  }

  private func csvOptions() throws -> CSVRecordReader.Options {
    var options = CSVRecordReader.Options(blockSize: 1 << 20)
    if let encoding {
      guard let parsed = TextEncoding(name: encoding) else {
        throw ValidationError("unknown encoding \(encoding) (expected \(TextEncoding.acceptedNames))")
      }
      options.encoding = parsed
    }
    if let delimiter {
      guard let byte = CSVDialect.delimiter(named: delimiter) else {
        throw ValidationError("--delimiter must be one character, or tab")
      }
      options.dialect.delimiter = byte
    }
    return options
  }

  private func chooseMapping(profiles: String?, format: ConvertInputFormat, csv: CSVRecordSource) throws -> (
    Mapping, String
  ) {
    if let mapping {
      if mapping.hasSuffix(".yaml") || mapping.hasSuffix(".yml") || mapping.contains("/") {
        do { return (try MappingReader().read(path: mapping), "--mapping") } catch {
          throw RuntimeError("\(error)")
        }
      }
    }
    guard let profiles else {
      throw RuntimeError("no profiles folder found (set RENKEI_PROFILES, or name a mapping file with --mapping)")
    }
    let catalog: MappingCatalog
    do { catalog = try MappingCatalog(directory: profiles + "/mappings") } catch { throw RuntimeError("\(error)") }
    if let mapping {
      guard let found = catalog.mapping(named: mapping) else {
        throw RuntimeError(
          "unknown mapping \"\(mapping)\"; built-in: \(catalog.mappings.map(\.name).joined(separator: ", "))")
      }
      return (found, "--mapping")
    }
    let labels = format == .csv ? ((try? csv.labels()) ?? []) : []
    guard let (found, reason) = catalog.detect(path: input, labels: labels) else {
      throw RuntimeError(
        "no built-in mapping fits \(input) (by its name or header); choose one with --mapping: "
          + catalog.mappings.map(\.name).joined(separator: ", "))
    }
    return (found, reason.description)
  }
}

/// The input syntaxes `renkei convert` reads.
enum ConvertInputFormat: String, ExpressibleByArgument, CaseIterable {
  case csv, json, jsonl, xml

  init(path: String) {
    switch (path.split(separator: ".").last.map(String.init) ?? "").lowercased() {
    case "json", "geojson", "jsonld": self = .json
    case "jsonl", "ndjson": self = .jsonl
    case "xml": self = .xml
    default: self = .csv
    }
  }
}

extension ConversionTarget: ExpressibleByArgument {}

enum TableValidatorCores {
  static var count: Int { TableValidator.availableCores }
}
