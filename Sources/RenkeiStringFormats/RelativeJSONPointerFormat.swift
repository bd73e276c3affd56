/// `relative-json-pointer` (JSON Schema 2020-12 Validation §7.3.7): a Relative JSON Pointer of
/// draft-handrews-relative-json-pointer-01 §3.
///
/// ```
/// relative-json-pointer = non-negative-integer ( "#" / json-pointer )
/// non-negative-integer  = "0" / %x31-39 *DIGIT   ; ASCII digits, no leading zero, no sign
/// ```
/// The index manipulation ("0+1/foo") of the later draft-bhutton-relative-json-pointer-00 is not accepted.
enum RelativeJSONPointerFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      let end = bytes.count
      guard end > 0, ASCII.isDigit(bytes[0]) else { return false }
      var index = 1
      if bytes[0] != UInt8(ascii: "0") {
        while index < end, ASCII.isDigit(bytes[index]) { index += 1 }
      }
      if index < end, bytes[index] == UInt8(ascii: "#") { return index + 1 == end }
      return JSONPointerFormat.isJSONPointer(bytes, from: index)
    }
  }
}
