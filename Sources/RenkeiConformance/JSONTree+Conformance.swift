import RenkeiCore

/// What the runner needs beyond RenkeiCore's JSONTree: pointers (read and write), plain-text
/// scalars for headers and query values, and pretty text for reports.
extension JSONTree {
  /// Parses JSON bytes; nil when they are not one JSON value.
  static func parsed(_ bytes: [UInt8]) -> JSONTree? {
    try? JSONTree.parse(bytes)
  }

  var elements: [JSONTree]? { array }

  /// Scalars as plain text (strings unquoted), containers as compact JSON: what a header or a
  /// query parameter written as a YAML number should become.
  public var scalarText: String {
    switch self {
    case .string(let text): return text
    case .number(let lexeme): return lexeme
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    default: return text()
    }
  }

  /// The value at a JSON Pointer ("" is the whole value).
  public func resolve(_ pointer: String) -> JSONTree? {
    guard let parsed = JSONPointer(pointer) else { return nil }
    var current = self
    for token in parsed.tokens {
      switch current {
      case .object(let members):
        guard let next = members.first(where: { $0.key == token })?.value else { return nil }
        current = next
      case .array(let elements):
        guard let index = Int(token), elements.indices.contains(index) else { return nil }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// Replaces (or, with nil, removes) the value at a JSON Pointer, adding a missing last member;
  /// false when the parent is missing.
  @discardableResult
  public mutating func replace(at pointer: String, with replacement: JSONTree?) -> Bool {
    guard let parsed = JSONPointer(pointer) else { return false }
    return replace(tokens: parsed.tokens[...], with: replacement)
  }

  private mutating func replace(tokens: ArraySlice<String>, with replacement: JSONTree?) -> Bool {
    guard let token = tokens.first else {
      if let replacement {
        self = replacement
        return true
      }
      return false
    }
    let rest = tokens.dropFirst()
    switch self {
    case .object(var members):
      if let index = members.firstIndex(where: { $0.key == token }) {
        if rest.isEmpty {
          if let replacement { members[index].value = replacement } else { members.remove(at: index) }
        } else if !members[index].value.replace(tokens: rest, with: replacement) {
          return false
        }
      } else if rest.isEmpty, let replacement {
        members.append((token, replacement))
      } else {
        return false
      }
      self = .object(members)
      return true
    case .array(var elements):
      guard let index = Int(token) else { return false }
      // One past the end appends, as in JSON Patch's "add": the self-check adds members that a
      // case asserts absent.
      if index == elements.count, rest.isEmpty, let replacement {
        elements.append(replacement)
        self = .array(elements)
        return true
      }
      guard elements.indices.contains(index) else { return false }
      if rest.isEmpty {
        if let replacement { elements[index] = replacement } else { elements.remove(at: index) }
      } else if !elements[index].replace(tokens: rest, with: replacement) {
        return false
      }
      self = .array(elements)
      return true
    default:
      return false
    }
  }

  /// JSON text, compact or with two-space indentation; deterministic.
  public func text(pretty: Bool = false) -> String {
    let compact = bytes()
    guard pretty, let document = try? JSONParser().parse(compact).document else {
      return String(decoding: compact, as: UTF8.self)
    }
    return JSONWriter(style: .pretty).string(document.root)
  }

  /// An object from unlabelled pairs.
  static func objectOf(_ pairs: [(String, JSONTree)]) -> JSONTree {
    JSONTree.object(pairs.map { (key: $0.0, value: $0.1) })
  }
}
