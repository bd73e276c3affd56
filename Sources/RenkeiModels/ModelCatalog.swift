import Foundation
import RenkeiCore
import RenkeiSchema

/// The data models renkei knows offline: the bundled Smart Data Models and any repository
/// folder added with `renkei models add`. A model is a folder holding `schema.json` (and
/// usually `examples/`) inside a subject folder (`dataModel.X`); every other `*schema*.json`
/// found is a shared schema that models reference (common-schema.json, Weather-Commons ...).
public final class ModelCatalog: @unchecked Sendable {
  public struct Model: Sendable, Hashable {
    public let name: String
    public let subject: String
    public let directory: String
    public var schemaPath: String { directory + "/schema.json" }
    /// Example payloads shipped with the model, sorted by file name.
    public let examples: [String]
    /// The subject's JSON-LD @context, when present.
    public let contextPath: String?
    /// The schema's `$id`.
    public let schemaID: String?
    public let description: String?

    /// Smart Data Models describe NGSI entities; other models (consent receipts) are plain JSON
    /// documents without representations.
    public var isNGSIEntity: Bool { subject.hasPrefix("dataModel.") }
  }

  public enum CatalogError: Error, CustomStringConvertible {
    case unknownModel(String, known: [String])
    case notAModelRepository(String)

    public var description: String {
      switch self {
      case .unknownModel(let name, let known):
        let close = known.filter {
          $0.lowercased().contains(name.lowercased()) || name.lowercased().contains($0.lowercased())
        }
        return "unknown model \"\(name)\""
          + (close.isEmpty ? "; see `renkei models list`" : "; did you mean \(close.joined(separator: ", "))?")
      case .notAModelRepository(let path):
        return "\(path) holds no data model (no folder with a schema.json)"
      }
    }
  }

  public let directories: [String]
  public private(set) var models: [Model] = []
  /// Shared schemas: file path by `$id`.
  private(set) var sharedSchemas: [String: String] = [:]
  private var compiled: [String: CompiledSchema] = [:]
  private let lock = NSLock()

  /// Scans `directories` (bundled first, then added ones; a later model of the same name wins).
  public init(directories: [String]) {
    self.directories = directories
    var byName: [String: Model] = [:]
    for directory in directories { scan(directory, into: &byName) }
    models = byName.values.sorted { $0.name < $1.name }
  }

  /// The bundled catalogue plus the folders recorded by `renkei models add`.
  public static func standard(profiles: String?) -> ModelCatalog {
    var directories: [String] = []
    if let profiles {
      directories.append(profiles + "/models/smart-data-models")
      // Models of the Japanese recommended datasets (AED, 避難場所 ...), where no Smart Data Model fits.
      directories.append(profiles + "/models/nec-fiware")
      directories.append(profiles + "/models/consent")
    }
    directories += AddedModels.directories()
    return ModelCatalog(directories: directories)
  }

  public func model(named name: String) throws -> Model {
    if let found = models.first(where: { $0.name == name }) { return found }
    if let found = models.first(where: { $0.name.lowercased() == name.lowercased() }) { return found }
    throw CatalogError.unknownModel(name, known: models.map(\.name))
  }

  private func scan(_ directory: String, into byName: inout [String: Model]) {
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: directory) else { return }
    var files: [String] = []
    while let relative = walker.nextObject() as? String {
      if relative.hasSuffix(".json") && !relative.contains("/.") { files.append(relative) }
    }
    for relative in files.sorted() {
      let path = directory + "/" + relative
      let name = (relative as NSString).lastPathComponent
      if name == "schema.json" {
        let modelDirectory = (path as NSString).deletingLastPathComponent
        let modelName = (modelDirectory as NSString).lastPathComponent
        let subjectDirectory = (modelDirectory as NSString).deletingLastPathComponent
        guard modelName != "templates", !modelDirectory.contains("/templates/") else { continue }
        let examplesDirectory = modelDirectory + "/examples"
        let examples = ((try? manager.contentsOfDirectory(atPath: examplesDirectory)) ?? [])
          .filter { $0.hasPrefix("example") }.sorted().map { examplesDirectory + "/" + $0 }
        let context = subjectDirectory + "/context.jsonld"
        let root = (try? FileBytes.read(path)).flatMap { try? JSONParser().parse($0).document.root }
        byName[modelName] = Model(
          name: modelName, subject: (subjectDirectory as NSString).lastPathComponent, directory: modelDirectory,
          examples: examples, contextPath: manager.fileExists(atPath: context) ? context : nil,
          schemaID: root?["$id"]?.string, description: root?["description"]?.string)
      } else if name.lowercased().contains("schema"),
        let root = (try? FileBytes.read(path)).flatMap({ try? JSONParser().parse($0).document.root }),
        let id = root["$id"]?.string
      {
        sharedSchemas[id] = path
      }
    }
  }

  /// Every schema URL the catalogue serves locally (shared schemas with their aliases, models).
  public var knownSchemaURLs: Set<String> {
    var urls = Set(sharedSchemas.keys)
    for id in sharedSchemas.keys { urls.formUnion(ModelCatalog.aliases(of: id)) }
    for model in models { if let id = model.schemaID { urls.insert(id) } }
    return urls
  }

  /// A registry that resolves every shared schema and model schema offline. Smart Data Models
  /// reference the same files under two addresses (the published site and the repository's
  /// raw files); both map to the local copy.
  public func registry() -> SchemaRegistry {
    let registry = SchemaRegistry(defaultDialect: .draft2020_12)
    for (id, path) in sharedSchemas {
      registry.map(id, to: path)
      for alias in ModelCatalog.aliases(of: id) { registry.map(alias, to: path) }
    }
    for model in models {
      if let id = model.schemaID { registry.map(id, to: model.schemaPath) }
    }
    return registry
  }

  /// https://smart-data-models.github.io/dataModel.X/file.json is also served as
  /// https://raw.githubusercontent.com/smart-data-models/dataModel.X/master/file.json.
  static func aliases(of id: String) -> [String] {
    let site = "https://smart-data-models.github.io/"
    guard id.hasPrefix(site) else { return [] }
    let rest = id.dropFirst(site.count)
    guard let slash = rest.firstIndex(of: "/") else { return [] }
    let repository = rest[..<slash]
    let file = rest[rest.index(after: slash)...]
    return [
      "https://raw.githubusercontent.com/smart-data-models/\(repository)/master/\(file)",
      "https://raw.githubusercontent.com/smart-data-models/\(repository)/main/\(file)",
    ]
  }

  /// The model's schema, compiled once.
  public func schema(for model: Model) throws -> CompiledSchema {
    lock.lock()
    defer { lock.unlock() }
    if let known = compiled[model.name] { return known }
    let bytes = try FileBytes.read(model.schemaPath)
    let document = try JSONParser().parse(bytes).document
    let schema = try CompiledSchema(
      document: document, uri: model.schemaID ?? SchemaRegistry.fileURI(model.schemaPath), registry: registry())
    compiled[model.name] = schema
    return schema
  }
}
