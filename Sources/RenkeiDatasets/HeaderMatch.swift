import RenkeiJapanese

/// Pairs a header's labels with a template's columns: exactly, or as a near miss — the same
/// name once dashes (ー ― ‐ − -), brackets (（） ()), widths and spaces are folded, or a name one
/// character away from an unpaired column.
struct HeaderMatch {
  enum Kind: Equatable {
    case exact
    /// The same after folding dashes, brackets, widths and spaces.
    case folded
    /// One character added, removed or replaced.
    case oneEdit
  }

  /// For each label, the template column it stands for (nil for a column the template lacks).
  var columnOfLabel: [Int?]
  var kindOfLabel: [Kind?]
  /// Template columns no label stands for.
  var missing: [Int]

  init(labels: [String], columns: [String]) {
    columnOfLabel = Array(repeating: nil, count: labels.count)
    kindOfLabel = Array(repeating: nil, count: labels.count)
    var used = Array(repeating: false, count: columns.count)
    var byName: [String: [Int]] = [:]
    for (index, name) in columns.enumerated() { byName[name, default: []].append(index) }
    // Exact names first, so a near miss never takes a column another label names exactly.
    for (index, label) in labels.enumerated() {
      let name = Self.stripped(label)
      if let column = byName[name]?.first(where: { !used[$0] }) {
        used[column] = true
        columnOfLabel[index] = column
        kindOfLabel[index] = .exact
      }
    }
    let keys = columns.map(Self.key)
    for (index, label) in labels.enumerated() where columnOfLabel[index] == nil {
      let key = Self.key(label)
      if let column = keys.indices.first(where: { !used[$0] && keys[$0] == key }) {
        used[column] = true
        columnOfLabel[index] = column
        kindOfLabel[index] = .folded
      }
    }
    for (index, label) in labels.enumerated() where columnOfLabel[index] == nil {
      let key = Array(Self.key(label))
      guard key.count >= 3 else { continue }
      if let column = keys.indices.first(where: { !used[$0] && Self.withinOneEdit(key, Array(keys[$0])) }) {
        used[column] = true
        columnOfLabel[index] = column
        kindOfLabel[index] = .oneEdit
      }
    }
    missing = used.indices.filter { !used[$0] }
  }

  /// The label without a byte order mark or surrounding ASCII spaces.
  static func stripped(_ label: String) -> String {
    var text = label
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }

  /// The folded form of a name: ASCII for full-width forms, one dash for every dash-like
  /// character, ASCII brackets, no spaces, upper-case Latin letters.
  static func key(_ name: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in WidthFolding.toHalfWidthASCII(stripped(name)).unicodeScalars {
      if scalar == " " || scalar == "\t" { continue }
      if WidthFolding.dashLikes.contains(scalar) || scalar == "-" {
        out.append("-")
      } else if scalar == "〜" || scalar == "~" {
        out.append("~")
      } else if ("a"..."z").contains(scalar) {
        out.append(Unicode.Scalar(scalar.value - 32)!)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
    if a == b { return true }
    if abs(a.count - b.count) > 1 { return false }
    var i = 0
    var j = 0
    var edits = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        i += 1
        j += 1
        continue
      }
      edits += 1
      if edits > 1 { return false }
      if a.count > b.count {
        i += 1
      } else if a.count < b.count {
        j += 1
      } else {
        i += 1
        j += 1
      }
    }
    return edits + (a.count - i) + (b.count - j) <= 1
  }

  /// How a near-miss label differs from the name: the characters that differ, with code points.
  static func difference(_ label: String, _ name: String) -> String {
    let a = Array(stripped(label).unicodeScalars)
    let b = Array(name.unicodeScalars)
    func describe(_ scalar: Unicode.Scalar) -> String {
      let hex = String(scalar.value, radix: 16, uppercase: true)
      let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      return scalar == " "
        ? "a space (U+0020)" : scalar == "\u{3000}" ? "an ideographic space (U+3000)" : "\(scalar) (U+\(padded))"
    }
    if a.count == b.count {
      var pairs: [String] = []
      for index in a.indices where a[index] != b[index] {
        let pair = "\(describe(a[index])) where the template has \(describe(b[index]))"
        if !pairs.contains(pair) { pairs.append(pair) }
      }
      return pairs.joined(separator: "; ")
    }
    // Different lengths: name what one has and the other lacks.
    let extra = a.filter { !b.contains($0) }
    let lacking = b.filter { !a.contains($0) }
    var parts: [String] = []
    if !extra.isEmpty { parts.append("it has " + extra.map(describe).joined(separator: ", ")) }
    if !lacking.isEmpty { parts.append("it lacks " + lacking.map(describe).joined(separator: ", ")) }
    return parts.isEmpty ? "the characters are in another order" : parts.joined(separator: "; ")
  }
}
