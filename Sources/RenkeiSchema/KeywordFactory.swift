import RenkeiCore
import RenkeiRegex

/// A compiled ECMA-262 pattern as the keywords use it.
struct RegexMatcher: Sendable {
  let regex: ECMARegex

  /// Member-name matching (patternProperties): an undecided search counts as no match.
  func matches(_ text: String) -> Bool { regex.matches(text) }
  func evaluate(_ text: String) -> ECMARegexResult { regex.evaluate(text) }
}

/// Chooses and builds the keywords of one schema object, by dialect and vocabulary.
enum KeywordFactory {
  static func keywords(_ c: KeywordContext) throws -> [Keyword] {
    let schema = c.schema
    let dialect = c.dialect
    let base = c.info.base

    // Drafts 4-7: "$ref" overrides everything beside it.
    if dialect.isLegacy, let reference = schema["$ref"] {
      guard let text = reference.string else { throw c.invalid("$ref", "must be a string") }
      return [RefKeyword(target: try c.compiler.node(reference: text, base: base))]
    }

    var keywords: [Keyword] = []
    if let reference = schema["$ref"] {
      guard let text = reference.string else { throw c.invalid("$ref", "must be a string") }
      keywords.append(RefKeyword(target: try c.compiler.node(reference: text, base: base)))
    }
    if dialect == .draft2019_09, let reference = schema["$recursiveRef"]?.string {
      let location = try c.compiler.registry.resolve(reference, against: base)
      let target = try c.compiler.node(at: location)
      let targetInfo = c.compiler.registry.info(for: location)
      let anchored =
        c.compiler.registry.recursiveAnchors.contains(targetInfo.resourceURI)
        && c.compiler.registry.resources[targetInfo.resourceURI] == location
      keywords.append(DynamicRefKeyword(name: "$recursiveRef", initial: target, anchor: anchored ? "" : nil))
    }
    if dialect == .draft2020_12, let reference = schema["$dynamicRef"]?.string {
      let location = try c.compiler.registry.resolve(reference, against: base)
      let target = try c.compiler.node(at: location)
      let fragment = URIReference(reference).fragment ?? ""
      let targetInfo = c.compiler.registry.info(for: location)
      let anchored =
        !fragment.isEmpty && !fragment.hasPrefix("/")
        && c.compiler.registry.dynamicAnchors[targetInfo.resourceURI]?[fragment] == location
      keywords.append(DynamicRefKeyword(name: "$dynamicRef", initial: target, anchor: anchored ? fragment : nil))
    }
    if c.has(.applicator) { keywords += try applicators(c) }
    if c.has(.validation) { keywords += try validations(c) }
    if dialect == .draft7,
      let mediaType = schema["contentMediaType"]?.string ?? schema["contentEncoding"].map({ _ in "" })
    {
      // Draft 7 §8: content keywords may be asserted; renkei checks base64 and JSON.
      keywords.append(ContentKeyword(encoding: schema["contentEncoding"]?.string, mediaType: mediaType))
    }
    if let format = schema["format"]?.string {
      keywords.append(FormatKeyword(format: format, dialect: dialect, alwaysAssert: c.has(.formatAssertion)))
    }
    let unevaluated = dialect == .draft2019_09 ? c.has(.applicator) : (dialect == .draft2020_12 && c.has(.unevaluated))
    if unevaluated {
      // Last: they read what the keywords above evaluated.
      if let value = schema["unevaluatedItems"] { keywords.append(UnevaluatedItemsKeyword(try c.subschema(value))) }
      if let value = schema["unevaluatedProperties"] {
        keywords.append(UnevaluatedPropertiesKeyword(try c.subschema(value)))
      }
    }
    return keywords
  }

  private static func schemaArray(_ c: KeywordContext, _ keyword: String) throws -> [SchemaNode]? {
    guard let value = c.schema[keyword] else { return nil }
    guard value.kind == .array, value.count > 0 else {
      throw c.invalid(keyword, "must be a non-empty array of schemas")
    }
    return try value.elements.map { try c.subschema($0) }
  }

  private static func schemaMap(_ c: KeywordContext, _ keyword: String) throws -> [(String, SchemaNode)]? {
    guard let value = c.schema[keyword] else { return nil }
    guard value.kind == .object else { throw c.invalid(keyword, "must be an object") }
    return try value.members.map { ($0.key, try c.subschema($0.value)) }
  }

  private static func regex(_ c: KeywordContext, _ pattern: String, _ keyword: String) throws -> RegexMatcher {
    RegexMatcher(regex: try c.compiler.regex(pattern, at: c.location + "/" + keyword))
  }

  private static func applicators(_ c: KeywordContext) throws -> [Keyword] {
    let schema = c.schema
    let dialect = c.dialect
    var keywords: [Keyword] = []
    if let schemas = try schemaArray(c, "allOf") { keywords.append(AllOfKeyword(schemas)) }
    if let schemas = try schemaArray(c, "anyOf") { keywords.append(AnyOfKeyword(schemas)) }
    if let schemas = try schemaArray(c, "oneOf") { keywords.append(OneOfKeyword(schemas)) }
    if let value = schema["not"] { keywords.append(NotKeyword(try c.subschema(value))) }
    if dialect != .draft4 && dialect != .draft6, let condition = schema["if"] {
      keywords.append(
        ConditionalKeyword(
          condition: try c.subschema(condition), then: try schema["then"].map(c.subschema),
          otherwise: try schema["else"].map(c.subschema)))
    }

    // Objects.
    let properties = try schemaMap(c, "properties") ?? []
    if !properties.isEmpty { keywords.append(PropertiesKeyword(properties)) }
    var patterns: [(pattern: String, regex: RegexMatcher, schema: SchemaNode)] = []
    for (pattern, node) in try schemaMap(c, "patternProperties") ?? [] {
      patterns.append((pattern, try regex(c, pattern, "patternProperties"), node))
    }
    if !patterns.isEmpty { keywords.append(PatternPropertiesKeyword(patterns)) }
    if let value = schema["additionalProperties"] {
      keywords.append(
        AdditionalPropertiesKeyword(
          schema: try c.subschema(value), named: properties.map(\.0), patterns: patterns.map(\.regex)))
    }
    if dialect != .draft4, let value = schema["propertyNames"] {
      keywords.append(PropertyNamesKeyword(try c.subschema(value)))
    }
    if !dialect.isLegacy, let schemas = try schemaMap(c, "dependentSchemas") {
      keywords.append(DependentSchemasKeyword(name: "dependentSchemas", schemas))
    }
    // Drafts 4-7 `dependencies`; 2019-09 split it in two, but schemas in the wild still use it.
    if let dependencies = schema["dependencies"], dependencies.kind == .object {
      var schemas: [(String, SchemaNode)] = []
      var required: [(String, [String])] = []
      for (key, value) in dependencies.members {
        if value.kind == .array {
          required.append((key, value.elements.compactMap(\.string)))
        } else {
          schemas.append((key, try c.subschema(value)))
        }
      }
      if !schemas.isEmpty { keywords.append(DependentSchemasKeyword(name: "dependencies", schemas)) }
      if !required.isEmpty { keywords.append(DependentRequiredKeyword(name: "dependencies", required)) }
    }

    // Arrays.
    if dialect == .draft2020_12 {
      let prefix = try schemaArray(c, "prefixItems") ?? []
      let rest = try schema["items"].map(c.subschema)
      if !prefix.isEmpty || rest != nil {
        keywords.append(
          ItemsKeyword(name: "items", positional: prefix, positionalName: "prefixItems", rest: rest, restName: "items"))
      }
    } else if let items = schema["items"] {
      if items.kind == .array {
        let positional = try items.elements.map { try c.subschema($0) }
        let additional = try schema["additionalItems"].map(c.subschema)
        keywords.append(
          ItemsKeyword(
            name: "items", positional: positional, positionalName: "items", rest: additional,
            restName: "additionalItems"))
      } else {
        keywords.append(
          ItemsKeyword(
            name: "items", positional: [], positionalName: "items", rest: try c.subschema(items), restName: "items"))
      }
    }
    if dialect != .draft4, let value = schema["contains"] {
      let counted = !dialect.isLegacy && c.has(.validation)
      let minimum = counted ? (try c.count("minContains") ?? 1) : 1
      let maximum = counted ? try c.count("maxContains") : nil
      keywords.append(
        ContainsKeyword(
          schema: try c.subschema(value), minimum: minimum, maximum: maximum, annotates: dialect == .draft2020_12))
    }
    return keywords
  }

  private static func validations(_ c: KeywordContext) throws -> [Keyword] {
    let schema = c.schema
    let dialect = c.dialect
    var keywords: [Keyword] = []
    if let type = schema["type"] {
      let names = type.kind == .array ? type.elements.compactMap(\.string) : [type.string].compactMap { $0 }
      guard !names.isEmpty else { throw c.invalid("type", "must be a type name or an array of them") }
      keywords.append(TypeKeyword(types: names, dialect: dialect))
    }
    if let values = schema["enum"] {
      guard values.kind == .array else { throw c.invalid("enum", "must be an array") }
      keywords.append(EnumKeyword(name: "enum", values: values.elements))
    }
    if dialect != .draft4, let value = schema["const"] { keywords.append(EnumKeyword(name: "const", values: [value])) }
    if let divisor = schema["multipleOf"] {
      guard let number = divisor.number, !number.lexeme.hasPrefix("-"), !ExactNumber(lexeme: number.lexeme).isZero
      else {
        throw c.invalid("multipleOf", "must be a number greater than 0")
      }
      keywords.append(MultipleOfKeyword(divisor: number.lexeme))
    }
    for (keyword, isUpper) in [("maximum", true), ("minimum", false)] {
      guard let limit = schema[keyword]?.number else { continue }
      let exclusiveName = isUpper ? "exclusiveMaximum" : "exclusiveMinimum"
      let exclusive = dialect == .draft4 && schema[exclusiveName]?.bool == true
      keywords.append(BoundKeyword(name: keyword, limit: limit.lexeme, isUpper: isUpper, exclusive: exclusive))
    }
    if dialect != .draft4 {
      for (keyword, isUpper) in [("exclusiveMaximum", true), ("exclusiveMinimum", false)] {
        guard let limit = schema[keyword]?.number else { continue }
        keywords.append(BoundKeyword(name: keyword, limit: limit.lexeme, isUpper: isUpper, exclusive: true))
      }
    }
    for keyword in ["maxLength", "minLength"] {
      if let limit = try c.count(keyword) { keywords.append(CountKeyword(name: keyword, limit: limit)) }
    }
    if let pattern = schema["pattern"]?.string {
      keywords.append(PatternKeyword(pattern: pattern, regex: try regex(c, pattern, "pattern")))
    }
    for keyword in ["maxItems", "minItems"] {
      if let limit = try c.count(keyword) { keywords.append(CountKeyword(name: keyword, limit: limit)) }
    }
    if schema["uniqueItems"]?.bool == true { keywords.append(UniqueItemsKeyword()) }
    for keyword in ["maxProperties", "minProperties"] {
      if let limit = try c.count(keyword) { keywords.append(CountKeyword(name: keyword, limit: limit)) }
    }
    if let required = schema["required"], required.kind == .array {
      let names = required.elements.compactMap(\.string)
      if !names.isEmpty { keywords.append(RequiredKeyword(names)) }
    }
    if !dialect.isLegacy, let dependent = schema["dependentRequired"], dependent.kind == .object {
      let requirements = dependent.members.map { ($0.key, $0.value.elements.compactMap(\.string)) }
      keywords.append(DependentRequiredKeyword(name: "dependentRequired", requirements))
    }
    return keywords
  }
}
