import RenkeiCore
import RenkeiRegex

/// Turns schema JSON into a graph of `SchemaNode`s once, so that many instances are
/// validated without looking at the schema text again. References are resolved here: an
/// unresolvable one is an error naming the URL, before any instance is read.
final class SchemaCompiler {
  let registry: SchemaRegistry
  private var nodes: [SchemaRegistry.Location: SchemaNode] = [:]
  private(set) var resourceURIs: [String] = []
  private var resourceIndex: [String: Int] = [:]
  /// Patterns compiled once per text.
  private var regexes: [String: ECMARegex] = [:]

  init(registry: SchemaRegistry) { self.registry = registry }

  func resource(_ uri: String) -> Int {
    if let known = resourceIndex[uri] { return known }
    resourceIndex[uri] = resourceURIs.count
    resourceURIs.append(uri)
    return resourceURIs.count - 1
  }

  func regex(_ pattern: String, at location: String) throws -> ECMARegex {
    if let known = regexes[pattern] { return known }
    do {
      let compiled = try ECMARegex(pattern)
      regexes[pattern] = compiled
      return compiled
    } catch {
      throw SchemaRegistry.RegistryError.invalidSchema(
        location: location, reason: "invalid regular expression: \(error)")
    }
  }

  /// The node for the schema at `location`, compiling it (and what it references) if needed.
  func node(at location: SchemaRegistry.Location) throws -> SchemaNode {
    if let known = nodes[location] { return known }
    let value = registry.value(at: location)
    let info = registry.info(for: location)
    let absolute = absoluteLocation(of: value, info: info)
    switch value.kind {
    case .bool:
      let node = SchemaNode(absoluteLocation: absolute, resource: resource(info.resourceURI), constant: value.bool)
      nodes[location] = node
      return node
    case .object:
      let node = SchemaNode(absoluteLocation: absolute, resource: resource(info.resourceURI), constant: nil)
      nodes[location] = node
      let context = KeywordContext(compiler: self, schema: value, info: info, node: node, location: absolute)
      node.keywords = try KeywordFactory.keywords(context)
      node.collectsAnnotations = node.keywords.contains {
        $0 is UnevaluatedPropertiesKeyword || $0 is UnevaluatedItemsKeyword
      }
      return node
    default:
      throw SchemaRegistry.RegistryError.invalidSchema(
        location: absolute, reason: "a schema must be an object or a boolean, not \(value.kind)")
    }
  }

  /// The node for a subschema value inside the schema being compiled.
  func node(for value: JSONValue) throws -> SchemaNode {
    try node(at: SchemaRegistry.Location(document: ObjectIdentifier(value.document), index: value.index))
  }

  /// The node a reference points to, resolved against `base`.
  func node(reference: String, base: URIReference) throws -> SchemaNode {
    try node(at: registry.resolve(reference, against: base))
  }

  /// "resource-uri#/pointer/from/resource/root".
  private func absoluteLocation(of value: JSONValue, info: SchemaRegistry.Info) -> String {
    let full = value.pointer.tokens
    var relative = full
    if let root = registry.resources[info.resourceURI], root.document == ObjectIdentifier(value.document) {
      let rootTokens = value.document.pointer(ofEntry: root.index).tokens
      if full.starts(with: rootTokens) { relative = Array(full.dropFirst(rootTokens.count)) }
    }
    return info.resourceURI + "#" + JSONPointer(tokens: relative).description
  }

  /// Nodes that `$dynamicRef` / `$recursiveRef` may jump to: per resource, by anchor name.
  func dynamicTargets() throws -> [Int: [String: SchemaNode]] {
    var out: [Int: [String: SchemaNode]] = [:]
    for (uri, anchors) in registry.dynamicAnchors {
      for (name, location) in anchors {
        out[resource(uri), default: [:]][name] = try node(at: location)
      }
    }
    for uri in registry.recursiveAnchors {
      if let root = registry.resources[uri] { out[resource(uri), default: [:]][""] = try node(at: root) }
    }
    return out
  }
}

/// What a keyword's constructor needs to know about its schema object.
struct KeywordContext {
  let compiler: SchemaCompiler
  let schema: JSONValue
  let info: SchemaRegistry.Info
  let node: SchemaNode
  let location: String

  var dialect: Dialect { info.dialect }
  func has(_ vocabulary: Vocabulary) -> Bool { info.vocabularies.contains(vocabulary) }

  func subschema(_ value: JSONValue) throws -> SchemaNode { try compiler.node(for: value) }

  func invalid(_ keyword: String, _ reason: String) -> SchemaRegistry.RegistryError {
    .invalidSchema(location: location + "/" + keyword, reason: reason)
  }

  /// A non-negative integer keyword value (maxLength, minItems ...).
  func count(_ keyword: String) throws -> Int? {
    guard let value = schema[keyword] else { return nil }
    guard let number = value.number, ExactNumber(lexeme: number.lexeme).isInteger, !number.lexeme.hasPrefix("-")
    else { throw invalid(keyword, "must be a non-negative integer") }
    return Int(number.double.rounded())
  }
}
