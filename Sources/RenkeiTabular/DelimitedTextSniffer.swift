/// Tells delimited text (CSV, TSV) from other text by its first lines, for files whose name does
/// not say what they are: at least two lines, most of them (two in three) split into the same
/// number of fields (two or more) by a comma, tab, semicolon or vertical bar, and no YAML document
/// markers or `key: value` first line.
public enum DelimitedTextSniffer {
  public static func looksDelimited(_ prefix: [UInt8]) -> Bool {
    var bytes = prefix[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    // Complete lines only; the last one may be cut by the end of the prefix.
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { line in
      line.last == 0x0D ? line.dropLast() : line
    }
    if prefix.last != 0x0A && lines.count > 1 { lines.removeLast() }
    lines = Array(lines.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }.prefix(10))
    guard lines.count >= 2, !looksLikeYAML(Array(lines[0])) else { return false }
    for delimiter in CSVDialect.candidateDelimiters {
      // Most lines (two in three; ragged rows happen) split into the same number of fields.
      let counts = lines.map { count(delimiter, in: $0) }
      var frequency: [Int: Int] = [:]
      for value in counts where value > 0 { frequency[value, default: 0] += 1 }
      if let shared = frequency.values.max(), shared >= 2, shared * 3 >= counts.count * 2 { return true }
    }
    return false
  }

  /// Delimiters outside double quotes.
  private static func count(_ delimiter: UInt8, in line: ArraySlice<UInt8>) -> Int {
    var quoted = false
    var count = 0
    for byte in line {
      if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == delimiter && !quoted { count += 1 }
    }
    return count
  }

  private static func looksLikeYAML(_ line: [UInt8]) -> Bool {
    let text = String(decoding: line, as: UTF8.self)
    if text.hasPrefix("---") || text.hasPrefix("%YAML") || text.hasPrefix("- ") || text.hasPrefix("#") { return true }
    // key: value
    guard let colon = text.firstIndex(of: ":") else { return false }
    let key = text[..<colon]
    let rest = text[text.index(after: colon)...]
    return !key.isEmpty && !key.contains(",") && !key.contains("\t") && (rest.isEmpty || rest.hasPrefix(" "))
  }
}
