/// `iri` (JSON Schema 2020-12 Validation §7.3.5): an `IRI` of RFC 3987 §2.2, so with a scheme.
/// See ``RFC3986``.
enum IRIFormat {
  static func isValid(_ value: String) -> Bool {
    RFC3986(allowsUnicode: true, allowsRelative: false).isValid(value)
  }
}
