import RenkeiCore
import RenkeiFormats
import RenkeiModels
import RenkeiTabular

/// Runs `renkei validate`: collects the inputs, validates each with the validator of its
/// format, and gathers one report. Problems in the data are findings; only a path that does
/// not exist or a schema that cannot be used is thrown.
public struct ValidationRunner: Sendable {
  public struct Options: Sendable {
    public var maxDepth: Int = JSONParser.Options().maxDepth
    /// XSD applied to every XML input.
    public var xsdPath: String?
    /// Read every input as this format instead of detecting it.
    public var forcedFormat: InputFormat?
    /// Checks applied to every JSON, JSON Lines and YAML document.
    public var checks: DocumentChecks
    /// How CSV files are read (dialect, encoding) and the Table Schema they are checked against.
    public var tabular = TableValidator.Options()

    public init(
      maxDepth: Int = JSONParser.Options().maxDepth, xsdPath: String? = nil, forcedFormat: InputFormat? = nil,
      checks: DocumentChecks = DocumentChecks()
    ) {
      self.maxDepth = maxDepth
      self.xsdPath = xsdPath
      self.forcedFormat = forcedFormat
      self.checks = checks
    }
  }

  /// `--schema` names a kind of schema that no input can be checked against.
  public struct SchemaKindMismatch: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
  }

  /// The report and the inputs that could not be read (an I/O failure, not a data finding).
  public struct Outcome: Sendable {
    public var report: Report
    public var unreadable: [String]
  }

  public var options: Options

  public init(options: Options = Options()) { self.options = options }

  public func run(_ paths: [String]) throws -> Outcome {
    let files = try InputCollector(forcedFormat: options.forcedFormat).collect(paths)
    try checkSchemaKinds(files)
    let schema = try options.xsdPath.map { try XSDSchema(path: $0) }
    var subjects: [Report.Subject] = []
    var unreadable: [String] = []
    for file in files {
      do {
        subjects.append(try validate(file, schema: schema))
      } catch {
        unreadable.append(file.path)
        subjects.append(
          Report.Subject(
            path: file.path, format: file.format?.rawValue ?? "unknown", itemCount: 0,
            findings: [ValidationRules.unreadable.finding(at: SourceLocation(file: file.path), ["reason": "\(error)"])])
        )
      }
    }
    return Outcome(
      report: Report(command: "validate", toolVersion: RenkeiVersion.current, subjects: subjects),
      unreadable: unreadable)
  }

  /// A schema that fits none of the inputs is a usage error: a Table Schema checks CSV files, a
  /// JSON Schema checks JSON, JSON Lines and YAML documents.
  func checkSchemaKinds(_ files: [InputFile]) throws {
    let hasCSV = files.contains { $0.format == .csv }
    let hasDocuments = files.contains { $0.format == .json || $0.format == .jsonLines || $0.format == .yaml }
    if options.tabular.schema != nil && !hasCSV {
      throw SchemaKindMismatch(
        message: "the schema is a Table Schema, which applies to CSV files, and none of the inputs is CSV "
          + "(JSON, JSON Lines and YAML documents take a JSON Schema)")
    }
    if options.checks.schema != nil && hasCSV && !hasDocuments {
      throw SchemaKindMismatch(
        message: "the schema is a JSON Schema, which applies to JSON, JSON Lines and YAML documents; "
          + "CSV files take a Table Schema (a JSON object with a \"fields\" array)")
    }
  }

  /// The document checks for one file: a `.geojson` file is checked as GeoJSON too.
  func checks(for path: String) -> DocumentChecks {
    var checks = options.checks
    if checks.geoJSON == nil && InputFormat.namesGeoJSON(path) { checks.geoJSON = GeoJSONValidator() }
    return checks
  }

  func validate(_ file: InputFile, schema: XSDSchema?) throws -> Report.Subject {
    let path = file.path
    switch file.format {
    case .json:
      let parser = JSONParser(options: .init(maxDepth: options.maxDepth))
      return JSONFileValidator(parser: parser, checks: checks(for: path)).validate(try FileBytes.read(path), path: path)
    case .jsonLines:
      return try JSONLinesFileValidator(maxDepth: options.maxDepth, checks: checks(for: path)).validate(path: path)
    case .yaml:
      let result = YAMLReader().read(try FileBytes.read(path), file: path)
      var findings = result.findings
      let documentChecks = checks(for: path)
      for (number, document) in result.documents.enumerated() {
        findings += documentChecks.findings(
          document.root, file: path, documentNumber: result.documents.count > 1 ? number + 1 : nil)
      }
      return Report.Subject(
        path: path, format: InputFormat.yaml.rawValue, itemCount: result.documents.count, findings: findings)
    case .xml:
      // A schema document is checked for well-formedness, not against the instance schema.
      let isSchemaDocument = path.lowercased().hasSuffix(".xsd")
      let result = XMLValidator(schema: isSchemaDocument ? nil : schema).validate(fileAt: path)
      return Report.Subject(
        path: path, format: InputFormat.xml.rawValue, itemCount: result.elementCount, findings: result.findings)
    case .csv:
      return try CSVFileValidator(options: options.tabular).validate(path: path)
    case nil:
      let ext = path.split(separator: "/").last.flatMap { name in
        name.contains(".") ? name.split(separator: ".").last : nil
      }
      return Report.Subject(
        path: path, format: "unknown", itemCount: 0,
        findings: [
          ValidationRules.notValidated.finding(
            at: SourceLocation(file: path), ["extension": ext.map { ".\($0)" } ?? "no extension"])
        ])
    }
  }
}
