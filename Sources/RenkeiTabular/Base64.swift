/// RFC 4648 §4 base64 (Table Schema `string` format `binary`): the standard alphabet, in groups
/// of four characters, with `=` padding only at the end.
enum Base64 {
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count % 4 == 0 else { return false }
    var padding = 0
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "=") {
        padding += 1
        guard index >= bytes.count - 2 else { return false }
        continue
      }
      guard padding == 0, isAlphabet(byte) else { return false }
    }
    return true
  }

  private static func isAlphabet(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
      return true
    default:
      return false
    }
  }
}
