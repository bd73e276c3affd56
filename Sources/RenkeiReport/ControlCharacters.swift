/// Findings quote the data they are about, and that data can hold control characters. Written
/// raw, they would let an input file move the cursor or recolour a terminal (ESC, CR, C1 CSI),
/// and most of them are not even allowed in XML 1.0. Reporters that produce text for people or
/// XML replace them by visible stand-ins; JSON outputs escape them exactly instead.
enum ControlCharacters {
  /// The Unicode "Control Pictures" symbol for a C0 control or DEL (U+0000 → ␀, U+001B → ␛,
  /// U+007F → ␡): one visible character that still says which control it was.
  static func picture(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    switch scalar.value {
    case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)
    case 0x7F: return "\u{2421}"
    default: return nil
    }
  }

  /// Text safe for a terminal: line feeds and tabs stay, other C0 controls and DEL become their
  /// control pictures, C1 controls (U+0080–U+009F, which include the 8-bit CSI) become U+FFFD.
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if !needsReplacing(scalar) {
        out.append(scalar)
      } else if let picture = picture(scalar) {
        out.append(picture)
      } else {
        out.append("\u{FFFD}")
      }
    }
    return String(out)
  }

  private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    default: return false
    }
  }
}
