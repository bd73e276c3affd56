/// `ipv6`: an IPv6 address in the text form of RFC 4291 §2.2 (JSON Schema 2020-12 Validation §7.3.4), with the
/// embedded IPv4 part written as in RFC 3986 §3.2.2 (no leading zeros). Zone identifiers (RFC 6874), prefix
/// lengths and brackets are not part of an address.
enum IPv6Format {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in IPAddress.isIPv6(bytes, from: 0, to: bytes.count) }
  }
}
