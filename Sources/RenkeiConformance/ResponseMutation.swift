import RenkeiCore
import RenkeiHTTP

/// A change the self-check's proxy makes to an answer before the runner sees it.
public enum ResponseMutation: Sendable, Equatable, CustomStringConvertible {
  case status(Int)
  case dropHeader(String)
  case addHeader(String, String)
  /// Replaces the JSON member or element at the pointer with a different value.
  case alterMember(String)
  case removeMember(String)
  case addMember(String)
  /// Replaces the whole body.
  case replaceBody(String)

  public var description: String {
    switch self {
    case .status(let code): return "status → \(code)"
    case .dropHeader(let name): return "drop header \(name)"
    case .addHeader(let name, _): return "add header \(name)"
    case .alterMember(let pointer): return "alter body \(pointer.isEmpty ? "/" : pointer)"
    case .removeMember(let pointer): return "remove body \(pointer)"
    case .addMember(let pointer): return "add body \(pointer)"
    case .replaceBody: return "replace body"
    }
  }

  public func apply(to response: HTTPResponseMessage) -> HTTPResponseMessage {
    var out = response
    switch self {
    case .status(let code):
      out.status = code
    case .dropHeader(let name):
      out.headers.remove(name)
    case .addHeader(let name, let value):
      out.headers.add(name, value)
    case .replaceBody(let text):
      out.body = Array(text.utf8)
    case .alterMember(let pointer):
      guard var tree = JSONTree.parsed(response.body), let old = tree.resolve(pointer) else { return out }
      tree.replace(at: pointer, with: Self.altered(old))
      out.body = tree.bytes()
    case .removeMember(let pointer):
      guard var tree = JSONTree.parsed(response.body) else { return out }
      tree.replace(at: pointer, with: nil)
      out.body = tree.bytes()
    case .addMember(let pointer):
      guard var tree = JSONTree.parsed(response.body) else { return out }
      tree.replace(at: pointer, with: .string("renkei-mutated"))
      out.body = tree.bytes()
    }
    if case .status = self {
    } else if out.body != response.body {
      out.headers.remove("Content-Length")
    }
    return out
  }

  /// A value of the same kind where possible, but different.
  static func altered(_ value: JSONTree) -> JSONTree {
    switch value {
    case .null: return .string("renkei-mutated")
    case .bool(let flag): return .bool(!flag)
    case .number(let lexeme): return .number(lexeme == "987654321" ? "123456789" : "987654321")
    case .string(let text): return .string(text + "-renkei-mutated")
    case .array(let elements):
      return elements.isEmpty ? .array([.string("renkei-mutated")]) : .array(Array(elements.dropLast()))
    case .object(let members):
      return members.isEmpty ? .object([("renkeiMutated", .bool(true))]) : .object(Array(members.dropLast()))
    }
  }
}
