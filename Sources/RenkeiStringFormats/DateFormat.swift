/// `date`: RFC 3339 §5.6 `full-date` (JSON Schema 2020-12 Validation §7.3.1), a real calendar day.
enum DateFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      bytes.count == RFC3339.fullDateLength && RFC3339.isFullDate(bytes, at: 0)
    }
  }
}
