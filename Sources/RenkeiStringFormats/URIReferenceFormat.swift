/// `uri-reference` (JSON Schema 2020-12 Validation §7.3.5): a `URI-reference` of RFC 3986 §4.1, a URI or a
/// relative reference; ASCII only. See ``RFC3986``.
enum URIReferenceFormat {
  static func isValid(_ value: String) -> Bool {
    RFC3986(allowsUnicode: false, allowsRelative: true).isValid(value)
  }
}
