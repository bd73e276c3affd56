import Foundation

/// A JSON Schema dialect (draft), chosen by `$schema` or by default.
public enum Dialect: String, Sendable, CaseIterable, Hashable {
  case draft4 = "http://json-schema.org/draft-04/schema"
  case draft6 = "http://json-schema.org/draft-06/schema"
  case draft7 = "http://json-schema.org/draft-07/schema"
  case draft2019_09 = "https://json-schema.org/draft/2019-09/schema"
  case draft2020_12 = "https://json-schema.org/draft/2020-12/schema"

  /// The dialect a `$schema` value names (with or without the empty fragment).
  public init?(metaSchemaURI: String) {
    var uri = metaSchemaURI
    if uri.hasSuffix("#") { uri.removeLast() }
    guard let dialect = Dialect(rawValue: uri) else { return nil }
    self = dialect
  }

  /// Short names for the command line: 4, 6, 7, 2019-09, 2020-12.
  public init?(shortName: String) {
    switch shortName.lowercased().replacingOccurrences(of: "draft", with: "").trimmingPrefix("-") {
    case "4", "04": self = .draft4
    case "6", "06": self = .draft6
    case "7", "07": self = .draft7
    case "2019-09", "201909": self = .draft2019_09
    case "2020-12", "202012": self = .draft2020_12
    default: return nil
    }
  }

  public var shortName: String {
    switch self {
    case .draft4: return "draft4"
    case .draft6: return "draft6"
    case .draft7: return "draft7"
    case .draft2019_09: return "2019-09"
    case .draft2020_12: return "2020-12"
    }
  }

  /// Drafts 4 to 7: `$ref` hides its sibling keywords, `definitions`, `dependencies`.
  var isLegacy: Bool { self == .draft4 || self == .draft6 || self == .draft7 }

  /// The keyword that sets a schema's identifier.
  var idKeyword: String { self == .draft4 ? "id" : "$id" }

  /// The vocabularies a dialect's own meta-schema declares.
  var defaultVocabularies: Set<Vocabulary> {
    switch self {
    case .draft4, .draft6, .draft7:
      return [.core, .applicator, .validation, .formatAnnotation, .unevaluated]
    case .draft2019_09:
      return [.core, .applicator, .validation, .formatAnnotation, .unevaluated, .content, .metaData]
    case .draft2020_12:
      return [.core, .applicator, .unevaluated, .validation, .formatAnnotation, .content, .metaData]
    }
  }

  /// The document and clause that define `keyword` in this dialect, for findings.
  func spec(for keyword: String) -> (document: String, clause: String, url: String) {
    switch self {
    case .draft2020_12:
      let (part, clause) = Dialect.clauses2020[keyword] ?? ("Validation", "")
      let slug = part == "Core" ? "json-schema-core" : "json-schema-validation"
      return (
        "JSON Schema 2020-12 \(part)", clause,
        "https://json-schema.org/draft/2020-12/\(slug)#section-\(clause)"
      )
    default:
      let name = shortName
      return ("JSON Schema \(name)", "\"\(keyword)\"", "https://json-schema.org/specification-links#\(name)")
    }
  }

  static let clauses2020: [String: (String, String)] = [
    "$ref": ("Core", "8.2.3.1"), "$dynamicRef": ("Core", "8.2.3.2"), "allOf": ("Core", "10.2.1.1"),
    "anyOf": ("Core", "10.2.1.2"), "oneOf": ("Core", "10.2.1.3"), "not": ("Core", "10.2.1.4"),
    "if": ("Core", "10.2.2.1"), "then": ("Core", "10.2.2.2"), "else": ("Core", "10.2.2.3"),
    "dependentSchemas": ("Core", "10.2.2.4"), "prefixItems": ("Core", "10.3.1.1"), "items": ("Core", "10.3.1.2"),
    "contains": ("Core", "10.3.1.3"), "properties": ("Core", "10.3.2.1"), "patternProperties": ("Core", "10.3.2.2"),
    "additionalProperties": ("Core", "10.3.2.3"), "propertyNames": ("Core", "10.3.2.4"),
    "unevaluatedItems": ("Core", "11.2"), "unevaluatedProperties": ("Core", "11.3"),
    "type": ("Validation", "6.1.1"), "enum": ("Validation", "6.1.2"), "const": ("Validation", "6.1.3"),
    "multipleOf": ("Validation", "6.2.1"), "maximum": ("Validation", "6.2.2"),
    "exclusiveMaximum": ("Validation", "6.2.3"), "minimum": ("Validation", "6.2.4"),
    "exclusiveMinimum": ("Validation", "6.2.5"), "maxLength": ("Validation", "6.3.1"),
    "minLength": ("Validation", "6.3.2"), "pattern": ("Validation", "6.3.3"), "maxItems": ("Validation", "6.4.1"),
    "minItems": ("Validation", "6.4.2"), "uniqueItems": ("Validation", "6.4.3"),
    "maxContains": ("Validation", "6.4.4"), "minContains": ("Validation", "6.4.5"),
    "maxProperties": ("Validation", "6.5.1"), "minProperties": ("Validation", "6.5.2"),
    "required": ("Validation", "6.5.3"), "dependentRequired": ("Validation", "6.5.4"),
    "format": ("Validation", "7"),
  ]
}

/// The vocabularies of 2019-09 and 2020-12 that decide which keywords a schema may use.
public enum Vocabulary: String, Sendable, Hashable, CaseIterable {
  case core, applicator, unevaluated, validation, metaData, formatAnnotation, formatAssertion, content

  /// The vocabulary a `$vocabulary` URI names, or nil when renkei does not know it.
  init?(uri: String) {
    let known: [String: Vocabulary] = [
      "https://json-schema.org/draft/2020-12/vocab/core": .core,
      "https://json-schema.org/draft/2020-12/vocab/applicator": .applicator,
      "https://json-schema.org/draft/2020-12/vocab/unevaluated": .unevaluated,
      "https://json-schema.org/draft/2020-12/vocab/validation": .validation,
      "https://json-schema.org/draft/2020-12/vocab/meta-data": .metaData,
      "https://json-schema.org/draft/2020-12/vocab/format-annotation": .formatAnnotation,
      "https://json-schema.org/draft/2020-12/vocab/format-assertion": .formatAssertion,
      "https://json-schema.org/draft/2020-12/vocab/content": .content,
      "https://json-schema.org/draft/2019-09/vocab/core": .core,
      "https://json-schema.org/draft/2019-09/vocab/applicator": .applicator,
      "https://json-schema.org/draft/2019-09/vocab/validation": .validation,
      "https://json-schema.org/draft/2019-09/vocab/meta-data": .metaData,
      "https://json-schema.org/draft/2019-09/vocab/format": .formatAnnotation,
      "https://json-schema.org/draft/2019-09/vocab/content": .content,
    ]
    guard let vocabulary = known[uri] else { return nil }
    self = vocabulary
  }
}
