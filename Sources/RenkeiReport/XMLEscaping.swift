/// Escaping for XML 1.0 output.
///
/// Besides the markup characters, XML 1.0 forbids most C0 controls even as character
/// references, and U+FFFE and U+FFFF; one of them in a finding's message would make the whole
/// report unreadable to a CI server. They are replaced: C0 controls by their control pictures
/// (U+001B → ␛), the two noncharacters by U+FFFD. Carriage returns, and in attributes tabs and
/// line feeds, are written as character references, because parsers would otherwise normalise
/// them away (line-end and attribute-value normalisation).
public enum XMLEscaping {
  /// Character data (element content).
  public static func text(_ value: String) -> String {
    escape(value, inAttribute: false)
  }

  /// An attribute value, to be written between double quotes.
  public static func attribute(_ value: String) -> String {
    escape(value, inAttribute: true)
  }

  private static func escape(_ value: String, inAttribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      // Always escaped, so "]]>" can never appear in character data.
      case ">": out += "&gt;"
      case "\"" where inAttribute: out += "&quot;"
      case "\r": out += "&#13;"
      case "\n" where inAttribute: out += "&#10;"
      case "\t" where inAttribute: out += "&#9;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
      default:
        if let picture = ControlCharacters.picture(scalar), scalar.value < 0x20 {
          out.unicodeScalars.append(picture)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
