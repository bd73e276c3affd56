import Foundation
import RenkeiCore

/// Every schema document renkei knows, indexed by URI: resources (`$id`), anchors
/// (`$anchor`, `$dynamicAnchor`, legacy `#name` ids) and, for each subschema, the base URI and
/// dialect that apply to it. The meta-schemas of every draft are bundled; nothing is fetched
/// from the network unless `allowNetwork` is set.
public final class SchemaRegistry: @unchecked Sendable {
  public enum RegistryError: Error, Sendable, CustomStringConvertible {
    case unresolvable(reference: String, resolved: String, reason: String)
    case invalidSchema(location: String, reason: String)
    case unknownVocabulary(String)
    case cannotLoad(uri: String, reason: String)

    public var description: String {
      switch self {
      case .unresolvable(let reference, let resolved, let reason):
        return "cannot resolve $ref \"\(reference)\" (\(resolved)): \(reason)"
      case .invalidSchema(let location, let reason): return "invalid schema at \(location): \(reason)"
      case .unknownVocabulary(let uri): return "the meta-schema requires the unknown vocabulary \(uri)"
      case .cannotLoad(let uri, let reason): return "cannot load schema \(uri): \(reason)"
      }
    }
  }

  struct Location: Hashable {
    let document: ObjectIdentifier
    let index: Int
  }

  /// What applies to one subschema.
  struct Info {
    var base: URIReference
    var dialect: Dialect
    var vocabularies: Set<Vocabulary>
    /// The URI of the schema resource the subschema belongs to.
    var resourceURI: String
  }

  private(set) var documents: [ObjectIdentifier: JSONDocument] = [:]
  private(set) var resources: [String: Location] = [:]
  private(set) var anchors: [String: Location] = [:]
  private(set) var dynamicAnchors: [String: [String: Location]] = [:]
  private(set) var recursiveAnchors: Set<String> = []
  private var info: [Location: Info] = [:]
  /// URL → local file, from `--ref URL=PATH` and `--schema-dir`.
  private var mappings: [String: String] = [:]
  private var anonymousCount = 0

  public var defaultDialect: Dialect
  /// Fetch `http(s)` references that are not registered (cached under `cacheDirectory`).
  public var allowNetwork = false
  public var cacheDirectory: String?

  public init(defaultDialect: Dialect = .draft2020_12) {
    self.defaultDialect = defaultDialect
    registerBundledMetaSchemas()
  }

  // MARK: Registration

  /// Registers a schema document under `uri` (or its own `$id`, or an anonymous URI).
  /// Returns the URI it can be referenced by.
  @discardableResult
  public func register(_ document: JSONDocument, uri: String? = nil) throws -> String {
    let id = ObjectIdentifier(document)
    documents[id] = document
    let root = document.root
    let base: URIReference
    if let uri {
      base = URIReference(uri).withoutFragment
    } else {
      anonymousCount += 1
      base = URIReference("urn:renkei:schema:\(anonymousCount)")
    }
    var dialect = defaultDialect
    var vocabularies = defaultDialect.defaultVocabularies
    if let schema = root["$schema"]?.string {
      (dialect, vocabularies) = try metaSchema(schema)
    }
    resources[base.description] = resources[base.description] ?? Location(document: id, index: 0)
    try index(
      root, base: base, dialect: dialect, vocabularies: vocabularies, resourceURI: base.description, isRoot: true)
    return base.description
  }

  /// Parses and registers JSON text.
  @discardableResult
  public func register(json bytes: [UInt8], uri: String?) throws -> String {
    let document: JSONDocument
    do {
      document = try JSONParser().parse(bytes).document
    } catch {
      throw RegistryError.cannotLoad(uri: uri ?? "(schema)", reason: error.description)
    }
    return try register(document, uri: uri)
  }

  /// Registers every `*.json` file below `directory` under its `$id` (or its file URI).
  public func registerDirectory(_ directory: String) throws {
    guard let walker = FileManager.default.enumerator(atPath: directory) else {
      throw RegistryError.cannotLoad(uri: directory, reason: "not a readable directory")
    }
    var files: [String] = []
    while let name = walker.nextObject() as? String {
      if name.hasSuffix(".json") { files.append(name) }
    }
    for name in files.sorted() {
      let path = directory + "/" + name
      let bytes: [UInt8]
      do { bytes = try FileBytes.read(path) } catch {
        throw RegistryError.cannotLoad(uri: path, reason: error.description)
      }
      try register(json: bytes, uri: SchemaRegistry.fileURI(path))
    }
  }

  /// Serves `url` from the file at `path` when it is referenced.
  public func map(_ url: String, to path: String) {
    mappings[URIReference(url).withoutFragment.description] = path
  }

  /// The `file://` URI of a local path (made absolute), the base for its relative references.
  public static func fileURI(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return "file://" + URIReference.removeDotSegments(absolute)
  }

  private func registerBundledMetaSchemas() {
    for (uri, document) in SchemaRegistry.bundled { _ = try? register(document, uri: uri) }
  }

  /// The bundled meta-schemas, read once per process.
  static let bundled: [(uri: String, document: JSONDocument)] = {
    guard let root = Bundle.module.resourceURL?.appendingPathComponent("MetaSchemas"),
      let walker = FileManager.default.enumerator(atPath: root.path)
    else { return [] }
    var files: [String] = []
    while let name = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = root.path + "/" + name
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        !name.hasSuffix(".md"), !name.contains("LICENSE")
      {
        files.append(path)
      }
    }
    return files.sorted().compactMap { path in
      guard let bytes = try? FileBytes.read(path), let document = try? JSONParser().parse(bytes).document,
        let id = document.root["$id"]?.string ?? document.root["id"]?.string
      else { return nil }
      return (id, document)
    }
  }()

  // MARK: Indexing

  /// The dialect and vocabularies a `$schema` URI selects.
  func metaSchema(_ uri: String, seen: Set<String> = []) throws -> (Dialect, Set<Vocabulary>) {
    if let dialect = Dialect(metaSchemaURI: uri) { return (dialect, dialect.defaultVocabularies) }
    let key = URIReference(uri).withoutFragment.description
    guard !seen.contains(key) else { throw RegistryError.invalidSchema(location: uri, reason: "meta-schema cycle") }
    let location = try resolve(uri, against: URIReference(uri))
    let meta = value(at: location)
    var dialect = defaultDialect
    var vocabularies = dialect.defaultVocabularies
    if let parent = meta["$schema"]?.string, URIReference(parent).withoutFragment.description != key {
      (dialect, vocabularies) = try metaSchema(parent, seen: seen.union([key]))
    }
    if let declared = meta["$vocabulary"], declared.kind == .object {
      vocabularies = []
      for (vocabularyURI, required) in declared.members {
        if let vocabulary = Vocabulary(uri: vocabularyURI) {
          vocabularies.insert(vocabulary)
        } else if required.bool == true {
          throw RegistryError.unknownVocabulary(vocabularyURI)
        }
      }
    }
    return (dialect, vocabularies)
  }

  private func index(
    _ value: JSONValue, base: URIReference, dialect: Dialect, vocabularies: Set<Vocabulary>, resourceURI: String,
    isRoot: Bool
  ) throws {
    let location = Location(document: ObjectIdentifier(value.document), index: value.index)
    guard value.kind == .object else {
      info[location] = Info(base: base, dialect: dialect, vocabularies: vocabularies, resourceURI: resourceURI)
      return
    }
    var base = base
    var dialect = dialect
    var vocabularies = vocabularies
    var resourceURI = resourceURI
    let ownID = value[dialect.idKeyword]?.string
    if let schema = value["$schema"]?.string, isRoot || ownID != nil {
      (dialect, vocabularies) = try metaSchema(schema)
    }
    let hidesSiblings = dialect.isLegacy && value["$ref"] != nil
    if let id = value[dialect.idKeyword]?.string, !hidesSiblings {
      let resolved = URIReference(id).resolved(against: base)
      if dialect.isLegacy, id.hasPrefix("#") {
        // Drafts 4-7: "#name" is a location-independent identifier (an anchor).
        anchors[base.withoutFragment.description + id] = location
      } else {
        let uri = resolved.withoutFragment.description
        base = resolved.withoutFragment
        resourceURI = uri
        resources[uri] = location
        if dialect.isLegacy, let fragment = resolved.fragment, !fragment.isEmpty {
          anchors[uri + "#" + fragment] = location
        }
      }
    }
    if !dialect.isLegacy {
      if let anchor = value["$anchor"]?.string { anchors[resourceURI + "#" + anchor] = location }
      if dialect == .draft2020_12, let anchor = value["$dynamicAnchor"]?.string {
        anchors[resourceURI + "#" + anchor] = location
        dynamicAnchors[resourceURI, default: [:]][anchor] = location
      }
      if dialect == .draft2019_09, value["$recursiveAnchor"]?.bool == true { recursiveAnchors.insert(resourceURI) }
    }
    info[location] = Info(base: base, dialect: dialect, vocabularies: vocabularies, resourceURI: resourceURI)

    func child(_ value: JSONValue) throws {
      try index(
        value, base: base, dialect: dialect, vocabularies: vocabularies, resourceURI: resourceURI, isRoot: false)
    }
    for (key, member) in value.members {
      switch SchemaRegistry.subschemaShape(of: key, in: dialect) {
      case .single:
        if member.kind == .object || member.kind == .bool { try child(member) }
        if member.kind == .array && (key == "items") { for element in member.elements { try child(element) } }
      case .array:
        for element in member.elements { try child(element) }
      case .map:
        for (_, schema) in member.members where schema.kind == .object || schema.kind == .bool { try child(schema) }
      case nil:
        continue
      }
    }
  }

  enum SubschemaShape { case single, array, map }

  /// Where a keyword holds subschemas (unknown keywords hold none).
  static func subschemaShape(of keyword: String, in dialect: Dialect) -> SubschemaShape? {
    switch keyword {
    case "additionalItems", "additionalProperties", "contains", "propertyNames", "if", "then", "else", "not",
      "items", "unevaluatedItems", "unevaluatedProperties":
      return .single
    case "allOf", "anyOf", "oneOf", "prefixItems":
      return .array
    case "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies":
      return .map
    default:
      return nil
    }
  }

  // MARK: Resolution

  func value(at location: Location) -> JSONValue {
    JSONValue(document: documents[location.document]!, index: location.index)
  }

  /// The base URI and dialect for any location, also one the index did not visit (a `$ref`
  /// into an unknown keyword): the nearest indexed ancestor's.
  func info(for location: Location) -> Info {
    if let known = info[location] { return known }
    let document = documents[location.document]!
    var index = location.index
    while let parent = document.parent(ofEntry: index) {
      if let known = info[Location(document: location.document, index: parent)] { return known }
      index = parent
    }
    return Info(
      base: URIReference("urn:renkei:unknown"), dialect: defaultDialect,
      vocabularies: defaultDialect.defaultVocabularies, resourceURI: "urn:renkei:unknown")
  }

  /// Resolves a `$ref` value against a base URI.
  func resolve(_ reference: String, against base: URIReference) throws -> Location {
    let target = URIReference(reference).resolved(against: base)
    let documentURI = target.withoutFragment.description
    var root = resources[documentURI]
    if root == nil {
      try load(documentURI)
      root = resources[documentURI]
    }
    guard let root else {
      throw RegistryError.unresolvable(reference: reference, resolved: target.description, reason: "unknown schema")
    }
    let fragment = SchemaRegistry.percentDecode(target.fragment ?? "")
    if fragment.isEmpty { return root }
    if fragment.hasPrefix("/") {
      guard let pointer = JSONPointer(fragment), let found = pointer.resolve(in: value(at: root)) else {
        throw RegistryError.unresolvable(
          reference: reference, resolved: target.description, reason: "no value at pointer \(fragment)")
      }
      return Location(document: root.document, index: found.index)
    }
    guard let anchor = anchors[documentURI + "#" + fragment] else {
      throw RegistryError.unresolvable(
        reference: reference, resolved: target.description, reason: "no anchor named \"\(fragment)\"")
    }
    return anchor
  }

  /// Loads a document that is not registered yet: a mapped file, a `file:` URI, or (only with
  /// `allowNetwork`) an `http(s)` URL.
  private func load(_ uri: String) throws {
    if let path = mappings[uri] {
      let bytes: [UInt8]
      do { bytes = try FileBytes.read(path) } catch {
        throw RegistryError.cannotLoad(uri: uri, reason: error.description)
      }
      try register(json: bytes, uri: uri)
      return
    }
    if uri.hasPrefix("file://") {
      let path = SchemaRegistry.percentDecode(String(uri.dropFirst("file://".count)))
      guard let bytes = try? FileBytes.read(path) else { return }
      try register(json: bytes, uri: uri)
      return
    }
    if uri.hasPrefix("http://") || uri.hasPrefix("https://") {
      guard allowNetwork else {
        throw RegistryError.unresolvable(
          reference: uri, resolved: uri,
          reason:
            "not registered, and remote references are not fetched (give --ref URL=PATH, --schema-dir, or --allow-network)"
        )
      }
      try register(json: try RemoteSchemaCache(directory: cacheDirectory).fetch(uri), uri: uri)
    }
  }

  static func percentDecode(_ text: String) -> String {
    guard text.contains("%") else { return text }
    return text.removingPercentEncoding ?? text
  }
}
