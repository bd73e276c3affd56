/// `uri` (JSON Schema 2020-12 Validation §7.3.5): a `URI` of RFC 3986 §3, so with a scheme; ASCII only.
/// See ``RFC3986``.
enum URIFormat {
  static func isValid(_ value: String) -> Bool {
    RFC3986(allowsUnicode: false, allowsRelative: false).isValid(value)
  }
}
