/// A mutable JSON value for programs that build and edit documents (the reference broker's store,
/// test-case bodies). Numbers keep their lexeme and objects keep member order, like the tape
/// parser; convert from a parsed `JSONValue` and write back with `bytes()`.
public indirect enum JSONTree: Sendable, Equatable, CustomStringConvertible {
  case null
  case bool(Bool)
  /// A number as written (`1`, `1.0` and `1e0` stay distinct).
  case number(String)
  case string(String)
  case array([JSONTree])
  case object([(key: String, value: JSONTree)])

  /// A deep copy of a parsed value (duplicate member names: the last one wins, as in most JSON readers).
  public init(_ value: JSONValue) {
    switch value.kind {
    case .null: self = .null
    case .bool: self = .bool(value.bool ?? false)
    case .number: self = .number(value.number?.lexeme ?? "0")
    case .string: self = .string(value.string ?? "")
    case .array: self = .array(value.elements.map(JSONTree.init))
    case .object:
      var members: [(key: String, value: JSONTree)] = []
      for (key, member) in value.members {
        let tree = JSONTree(member)
        if let at = members.firstIndex(where: { $0.key == key }) {
          members[at].value = tree
        } else {
          members.append((key, tree))
        }
      }
      self = .object(members)
    }
  }

  /// Parses strict JSON text (nesting limited by `maxDepth`).
  public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws(JSONSyntaxError) -> JSONTree {
    let result = try JSONParser(options: .init(maxDepth: maxDepth)).parse(bytes)
    return JSONTree(result.document.root)
  }

  public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONSyntaxError) -> JSONTree {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }

  public static func number(_ value: Int) -> JSONTree { .number(String(value)) }

  public static func == (lhs: JSONTree, rhs: JSONTree) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b || (Double(a) != nil && Double(a) == Double(b))
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      // Member order does not change an object's meaning.
      guard a.count == b.count else { return false }
      for (key, value) in a {
        guard let other = b.first(where: { $0.key == key }), other.value == value else { return false }
      }
      return true
    default: return false
    }
  }

  // MARK: Reading

  public var kind: JSONKind {
    switch self {
    case .null: return .null
    case .bool: return .bool
    case .number: return .number
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  public var double: Double? {
    if case .number(let lexeme) = self { return Double(lexeme) }
    return nil
  }

  public var bool: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  public var array: [JSONTree]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  public var members: [(key: String, value: JSONTree)]? {
    if case .object(let members) = self { return members }
    return nil
  }

  public var isObject: Bool {
    if case .object = self { return true }
    return false
  }

  public var keys: [String] { members?.map(\.key) ?? [] }

  /// The member `key` of an object; setting nil removes it, setting a new key appends it.
  public subscript(key: String) -> JSONTree? {
    get {
      guard case .object(let members) = self else { return nil }
      return members.first { $0.key == key }?.value
    }
    set {
      guard case .object(var members) = self else { return }
      if let at = members.firstIndex(where: { $0.key == key }) {
        if let newValue { members[at].value = newValue } else { members.remove(at: at) }
      } else if let newValue {
        members.append((key, newValue))
      }
      self = .object(members)
    }
  }

  // MARK: Writing

  public var description: String { String(decoding: bytes(), as: UTF8.self) }

  public func bytes() -> [UInt8] {
    var out: [UInt8] = []
    write(into: &out)
    return out
  }

  public func write(into out: inout [UInt8]) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
    case .number(let lexeme): out += Array(lexeme.utf8)
    case .string(let text): Self.writeString(text, into: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        element.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeString(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    JSONEscapes.escape(text.utf8, into: &out)
    out.append(UInt8(ascii: "\""))
  }
}
