/// `hostname` (JSON Schema 2020-12 Validation §7.3.3): a host name of RFC 1123 §2.1, in which a label starting
/// with "xn--" must be a valid A-label (RFC 5890 §2.3.2.1: Punycode, RFC 5891 §4.4, that decodes to a valid
/// U-label). See ``IDNA/isValidDomain(_:from:to:syntax:)`` for the rules; no trailing dot, no Unicode.
enum HostnameFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in IDNA.isValidDomain(bytes, from: 0, to: bytes.count, syntax: .ascii) }
  }
}
