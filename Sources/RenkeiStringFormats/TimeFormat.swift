/// `time`: RFC 3339 §5.6 `full-time` (JSON Schema 2020-12 Validation §7.3.1); the offset is required.
enum TimeFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in RFC3339.isFullTime(bytes, at: 0) }
  }
}
