/// Numbers as messages write them.
enum Quantity {
  /// 1204 → "1,204".
  static func format(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }

  /// 65536 → "64 KiB"; small counts stay in bytes.
  static func bytes(_ count: Int) -> String {
    if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return format(count) + (count == 1 ? " byte" : " bytes")
  }

  /// "1 row", "3 rows".
  static func of(_ count: Int, _ noun: String) -> String {
    format(count) + " " + (count == 1 ? noun : noun + "s")
  }
}
