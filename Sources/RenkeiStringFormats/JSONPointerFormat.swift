/// `json-pointer` (JSON Schema 2020-12 Validation §7.3.7): a JSON Pointer of RFC 6901 §3 in its JSON string
/// representation (not the URI fragment one).
///
/// ```
/// json-pointer    = *( "/" reference-token )
/// reference-token = *( unescaped / escaped )
/// unescaped       = %x00-2E / %x30-7D / %x7F-10FFFF
/// escaped         = "~" ( "0" / "1" )
/// ```
enum JSONPointerFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in isJSONPointer(bytes, from: 0) }
  }

  /// Whether `bytes[start...]` is a `json-pointer`: empty, or "/" then tokens in which every "~" is followed by
  /// "0" or "1".
  static func isJSONPointer(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    let end = bytes.count
    guard start < end else { return true }
    guard bytes[start] == UInt8(ascii: "/") else { return false }
    var index = start + 1
    while index < end {
      if bytes[index] == UInt8(ascii: "~") {
        guard index + 1 < end, bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
        else { return false }
        index += 2
      } else {
        index += 1
      }
    }
    return true
  }
}
