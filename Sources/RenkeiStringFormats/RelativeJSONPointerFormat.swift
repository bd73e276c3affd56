/// `relative-json-pointer` (JSON Schema 2020-12 Validation §7.3.7): a Relative JSON Pointer.
///
/// ```
/// relative-json-pointer =  origin-specification json-pointer
/// relative-json-pointer =/ origin-specification "#"
/// origin-specification  = non-negative-integer [ index-manipulation ]
/// index-manipulation    = ( "+" / "-" ) non-negative-integer
/// non-negative-integer  = "0" / %x31-39 *DIGIT   ; ASCII digits, no leading zero
/// ```
/// This is draft-bhutton-relative-json-pointer-00 §3, cited by JSON Schema 2020-12. The drafts cited by draft 7
/// and 2019-09 (draft-handrews-relative-json-pointer-01 and -02) have no `index-manipulation`.
enum RelativeJSONPointerFormat {
  static func isValid(_ value: String, allowsIndexManipulation: Bool) -> Bool {
    value.withUTF8Bytes { bytes in
      guard var index = nonNegativeIntegerEnd(bytes, from: 0) else { return false }
      if allowsIndexManipulation, index < bytes.count,
        bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        guard let end = nonNegativeIntegerEnd(bytes, from: index + 1) else { return false }
        index = end
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "#") { return index + 1 == bytes.count }
      return JSONPointerFormat.isJSONPointer(bytes, from: index)
    }
  }

  /// Scans a `non-negative-integer`: the index after it, or nil.
  private static func nonNegativeIntegerEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < bytes.count, ASCII.isDigit(bytes[start]) else { return nil }
    var index = start + 1
    if bytes[start] != UInt8(ascii: "0") {
      while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
    }
    return index
  }
}
