import RenkeiCore

/// A schema compiled once and applied to any number of instances, from any number of
/// threads (the compiled graph is immutable).
public final class CompiledSchema: @unchecked Sendable {
  let root: SchemaNode
  /// Per schema resource, the nodes `$dynamicRef` (by anchor name) and `$recursiveRef` ("") may jump to.
  let dynamicTargets: [Int: [String: SchemaNode]]
  /// The dialect of the root schema.
  public let dialect: Dialect
  /// The URI the root schema is known by.
  public let uri: String

  /// Registers `document` in `registry` (under `uri`, or its `$id`) and compiles it.
  public convenience init(document: JSONDocument, uri: String? = nil, registry: SchemaRegistry) throws {
    let registered = try registry.register(document, uri: uri)
    let location = try registry.resolve("", against: URIReference(registered))
    try self.init(location: location, uri: registered, registry: registry)
  }

  /// Compiles a schema the registry already holds (e.g. a bundled meta-schema).
  public convenience init(uri: String, registry: SchemaRegistry) throws {
    let location = try registry.resolve(uri, against: URIReference(uri))
    try self.init(location: location, uri: uri, registry: registry)
  }

  init(location: SchemaRegistry.Location, uri: String, registry: SchemaRegistry) throws {
    let compiler = SchemaCompiler(registry: registry)
    root = try compiler.node(at: location)
    dynamicTargets = try compiler.dynamicTargets()
    dialect = registry.info(for: location).dialect
    self.uri = uri
  }

  /// Whether `instance` is valid (the fastest check: stops at the first failure).
  public func isValid(_ instance: JSONValue, assertFormat: Bool = false) -> Bool {
    var context = EvaluationContext(schema: self, verbose: false, assertFormat: assertFormat)
    var annotations: Annotations? = nil
    return InstanceView.with(instance.document) { root.evaluate(instance.index, $0, &context, &annotations) }
  }

  /// Every failed assertion, each with instance, keyword and absolute keyword location.
  public func validate(_ instance: JSONValue, assertFormat: Bool = false) -> [SchemaOutputUnit] {
    var context = EvaluationContext(schema: self, verbose: true, assertFormat: assertFormat)
    var annotations: Annotations? = nil
    let valid = InstanceView.with(instance.document) { root.evaluate(instance.index, $0, &context, &annotations) }
    return valid ? [] : context.errors
  }
}
