/// `idn-hostname` (JSON Schema 2020-12 Validation §7.3.3): an internationalized host name of RFC 5890
/// §2.3.2.3, whose labels are U-labels, A-labels or LDH labels checked by the IDNA2008 protocol (RFC 5891 §5.4):
/// code points by RFC 5892 (with the contextual rules of its Appendix A), right-to-left names by the Bidi Rule
/// of RFC 5893, labels at most 63 octets and the name at most 253 in A-label form. Labels may also be separated
/// by U+3002, U+FF0E or U+FF61 (RFC 3490 §3.1). See ``IDNA/isValidDomain(_:from:to:syntax:)``.
enum IDNHostnameFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      IDNA.isValidDomain(bytes, from: 0, to: bytes.count, syntax: .internationalized)
    }
  }
}
