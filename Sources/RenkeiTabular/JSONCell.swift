import RenkeiCore

/// JSON inside a cell (`object`, `array`, `geojson` and the array/object geopoint formats).
enum JSONCell {
  /// The cell parsed as one JSON value, or nil.
  static func parse(_ cell: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    guard let result = try? JSONParser(options: .init(maxDepth: 64)).parse(Array(cell)) else { return nil }
    return result.document.root
  }

  /// The value as a logical value: canonical JSON text (object members sorted by name) and its
  /// length (members or elements).
  static func logical(_ value: JSONValue) -> LogicalValue {
    var out = ""
    canonical(value, into: &out)
    return .json(out, count: value.count)
  }

  private static func canonical(_ value: JSONValue, into out: inout String) {
    switch value.kind {
    case .object:
      out += "{"
      for (index, member) in value.members.sorted(by: { $0.key < $1.key }).enumerated() {
        if index > 0 { out += "," }
        quote(member.key, into: &out)
        out += ":"
        canonical(member.value, into: &out)
      }
      out += "}"
    case .array:
      out += "["
      for (index, element) in value.elements.enumerated() {
        if index > 0 { out += "," }
        canonical(element, into: &out)
      }
      out += "]"
    case .number:
      var bytes = Array(value.number!.lexeme.utf8)
      let number = bytes.withUnsafeMutableBufferPointer { NumberParser().parse(UnsafeBufferPointer($0)) }
      out += number?.canonical ?? value.number!.lexeme
    case .string:
      quote(value.string!, into: &out)
    default:
      out += JSONWriter().string(value)
    }
  }

  private static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
