/// An RFC 6901 JSON Pointer.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  public var tokens: [String]

  public init(tokens: [String] = []) { self.tokens = tokens }

  /// Parses "/a/b~1c"; nil when the text is not a pointer (does not start with "/").
  public init?(_ text: String) {
    if text.isEmpty {
      tokens = []
      return
    }
    guard text.hasPrefix("/") else { return nil }
    var parsed: [String] = []
    for part in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      guard let token = JSONPointer.unescape(part) else { return nil }
      parsed.append(token)
    }
    tokens = parsed
  }

  public var description: String {
    tokens.map { "/" + JSONPointer.escape($0) }.joined()
  }

  public func appending(_ token: String) -> JSONPointer {
    JSONPointer(tokens: tokens + [token])
  }

  static func escape(_ token: String) -> String {
    guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
    return token.replacingAll("~", with: "~0").replacingAll("/", with: "~1")
  }

  /// "~0" is "~" and "~1" is "/"; any other "~" makes the pointer invalid.
  static func unescape(_ part: Substring) -> String? {
    guard part.contains("~") else { return String(part) }
    var out = ""
    var iterator = part.makeIterator()
    while let c = iterator.next() {
      if c == "~" {
        switch iterator.next() {
        case "0": out.append("~")
        case "1": out.append("/")
        default: return nil
        }
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// The value this pointer designates in `root`, or nil.
  public func resolve(in root: JSONValue) -> JSONValue? {
    var current = root
    for token in tokens {
      switch current.kind {
      case .object:
        guard let next = current[token] else { return nil }
        current = next
      case .array:
        // RFC 6901 §4: no leading zeros, no sign.
        guard token == "0" || (token.first != "0" && token.allSatisfy(\.isASCIIDigit)),
          let position = Int(token), let next = current[position]
        else { return nil }
        current = next
      default:
        return nil
      }
    }
    return current
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self {
      if c == target { out += replacement } else { out.append(c) }
    }
    return out
  }
}
