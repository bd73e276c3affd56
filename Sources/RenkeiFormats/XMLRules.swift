import RenkeiCore

/// The rules of XML well-formedness and XSD validation, with their English templates.
/// `{detail}` is libxml2's own description of the problem.
public enum XMLRules {
  /// A section of XML 1.0 (Fifth Edition); `anchor` is its fragment in the W3C text.
  static func xml(_ clause: String, _ anchor: String) -> SpecReference {
    SpecReference(document: "XML 1.0 (Fifth Edition)", clause: clause, url: "https://www.w3.org/TR/xml/#\(anchor)")
  }

  static func xsd(_ clause: String, _ anchor: String) -> SpecReference {
    SpecReference(
      document: "W3C XML Schema 1.0 Part 1: Structures (Second Edition)", clause: clause,
      url: "https://www.w3.org/TR/xmlschema-1/#\(anchor)")
  }

  public static let notWellFormed = Rule(
    id: "xml-not-well-formed", severity: .error, spec: xml("2.1", "sec-well-formed"),
    message: "The document is not well-formed XML: {detail}.",
    fix: "Correct the markup here; the parser stops at the first well-formedness error.")
  public static let invalidCharacter = Rule(
    id: "xml-invalid-character", severity: .error, spec: xml("2.2", "charsets"),
    message: "Invalid character or encoding: {detail}.",
    fix:
      "Save the file in the encoding its XML declaration names (UTF-8 when there is none), and remove control characters."
  )
  public static let namespaceError = Rule(
    id: "xml-namespace-error", severity: .error,
    spec: SpecReference(
      document: "Namespaces in XML 1.0 (Third Edition)", clause: "7",
      url: "https://www.w3.org/TR/xml-names/#Conformance"),
    message: "Namespace error: {detail}.",
    fix: "Declare every prefix with xmlns:prefix=\"URI\" on the element or an ancestor.")
  public static let entityExpansionLimit = Rule(
    id: "xml-entity-expansion-limit", severity: .error, spec: xml("4.1", "sec-references"),
    message: "Entity expansion was stopped: {detail}.",
    fix:
      "Entities that expand exponentially (a 'billion laughs' document) or refer to themselves are refused; write the text out instead."
  )
  public static let externalEntityBlocked = Rule(
    id: "xml-external-entity-blocked", severity: .warning, spec: xml("4.2.2", "sec-external-ent"),
    message: "The external resource {url} ({what}) was not loaded; external entities are never fetched.",
    fix: "Put the content into the document itself; references to files or URLs are ignored for safety (XXE).")
  public static let dtdIgnored = Rule(
    id: "xml-dtd-ignored", severity: .info, spec: xml("2.8", "sec-prolog-dtd"),
    message:
      "The document type declaration of <{root}> is not used{external}: no DTD validation, no default attributes, no external entities.",
    fix: "Validate with an XML Schema (--xsd) instead of a DTD.")
  public static let warning = Rule(
    id: "xml-warning", severity: .warning, spec: xml("", "sec-intro"),
    message: "{detail}.",
    fix: "Review the markup here; the document is usable but questionable.")
  public static let schemaInvalid = Rule(
    id: "xml-schema-invalid", severity: .error, spec: xsd("3", "components"),
    message: "The document does not match the schema: {detail}.",
    fix: "Change the element or attribute to what the XSD declares here.")
  public static let xsdUnusable = Rule(
    id: "xml-xsd-unusable", severity: .error, spec: xsd("5.1", "conformance"),
    message: "The XML Schema cannot be used: {detail}.",
    fix: "Correct the schema file (or the files it includes or imports).")
  public static let xsdWarning = Rule(
    id: "xml-xsd-warning", severity: .warning, spec: xsd("4.2", "layer2"),
    message: "XML Schema warning: {detail}.",
    fix: "Check the schema here; parts of it may not take effect.")
  public static let unreadable = Rule(
    id: "xml-unreadable", severity: .error, spec: nil,
    message: "The XML input could not be read: {detail}.",
    fix: "Check that the path names a readable file.")
  public static let findingsTruncated = Rule(
    id: "xml-findings-truncated", severity: .info, spec: nil,
    message: "{count} more problems were found and not listed (at most {limit} per file).",
    fix: "Fix the problems listed first; they often cause the rest.")

  public static let all: [Rule] = [
    notWellFormed, invalidCharacter, namespaceError, entityExpansionLimit, externalEntityBlocked,
    dtdIgnored, warning, schemaInvalid, xsdUnusable, xsdWarning, unreadable, findingsTruncated,
  ]
}
