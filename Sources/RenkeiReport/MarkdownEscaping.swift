/// Escaping for GitHub-flavoured Markdown. Messages quote arbitrary data; unescaped, a `*`,
/// `_` or `<tag>` in a value would turn into emphasis or HTML, and a `|` or a line break would
/// split a table row. Control characters are made visible first, as in the text output.
public enum MarkdownEscaping {
  /// ASCII punctuation that has a meaning inline; CommonMark lets any of it be backslash-escaped.
  private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&"]
  /// Characters that start a block (heading, list, quote) at the beginning of a line.
  private static let blockStart: Set<Character> = ["#", "-", "+", "="]

  /// Inline text; line breaks become hard breaks (backslash before the newline).
  public static func inline(_ text: String) -> String {
    ControlCharacters.visible(text)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { escapeLine(Substring($0)) }
      .joined(separator: "\\\n")
  }

  /// A table cell: inline text on one line, line breaks as `<br>`.
  public static func cell(_ text: String) -> String {
    ControlCharacters.visible(text)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { escapeLine(Substring($0)) }
      .joined(separator: "<br>")
  }

  /// A code span around `text` (which must not be empty). The fence is one backtick longer than
  /// the longest run inside; line breaks become spaces. In a table, `|` must be written `\|`
  /// even inside a code span (GFM splits cells first), and is shown as `|`.
  public static func code(_ text: String, inTable: Bool) -> String {
    var body = ControlCharacters.visible(text).replacing("\n", with: " ")
    if inTable { body = body.replacing("|", with: "\\|") }
    var longest = 0
    var run = 0
    for character in body {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
    return fence + pad + body + pad + fence
  }

  /// A link destination in pointy brackets, `<…>`, which may hold parentheses; the few
  /// characters it may not hold (and `|`, which would split a table cell) are percent-encoded.
  static func destination(_ url: String) -> String {
    var out = "<"
    for scalar in url.unicodeScalars {
      switch scalar {
      case " ": out += "%20"
      case "<": out += "%3C"
      case ">": out += "%3E"
      case "|": out += "%7C"
      case "\\": out += "%5C"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + ">"
  }

  private static func escapeLine(_ line: Substring) -> String {
    var out = ""
    for (offset, character) in line.enumerated() {
      if special.contains(character) || (offset == 0 && blockStart.contains(character)) {
        out.append("\\")
      }
      out.append(character)
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
