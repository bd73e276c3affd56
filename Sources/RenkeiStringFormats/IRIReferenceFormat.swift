/// `iri-reference` (JSON Schema 2020-12 Validation §7.3.5): an `IRI-reference` of RFC 3987 §2.2, an IRI or a
/// relative reference. See ``RFC3986``.
enum IRIReferenceFormat {
  static func isValid(_ value: String) -> Bool {
    RFC3986(allowsUnicode: true, allowsRelative: true).isValid(value)
  }
}
