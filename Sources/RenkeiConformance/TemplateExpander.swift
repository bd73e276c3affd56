import Foundation
import RenkeiCore

/// Replaces `{{name}}` in strings. Values may themselves hold templates (expanded up to a fixed
/// depth, so a cycle fails instead of looping). An unknown name is an error: a silently empty id
/// would make cases collide.
public struct TemplateExpander: Sendable {
  public struct UnknownVariable: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public init(name: String) { self.name = name }
    public var description: String { "unknown variable {{\(name)}}" }
  }

  public private(set) var values: [String: String]
  /// Variables defined as YAML mappings or lists: a string that is exactly `{{name}}` becomes
  /// this value (so one case can be parameterised with whole attributes); elsewhere their JSON text.
  public private(set) var structured: [String: JSONTree] = [:]
  static let maximumDepth = 8

  public init(_ values: [String: String] = [:]) {
    self.values = values
  }

  /// Adds or replaces a variable.
  public mutating func set(_ name: String, _ value: String) {
    values[name] = value
    structured[name] = nil
  }

  /// Adds or replaces a variable from a YAML value: scalars as text, containers structured.
  public mutating func set(_ name: String, tree: JSONTree) {
    switch tree {
    case .array, .object:
      values[name] = tree.text()
      structured[name] = tree
    default:
      set(name, tree.scalarText)
    }
  }

  public func expand(_ text: String) throws(UnknownVariable) -> String {
    try expand(text, depth: 0)
  }

  private func expand(_ text: String, depth: Int) throws(UnknownVariable) -> String {
    guard text.contains("{{") else { return text }
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.range(of: "}}") else {
        out += rest[open.lowerBound...]
        return out
      }
      let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      guard let value = values[name] else { throw UnknownVariable(name: name) }
      if depth >= Self.maximumDepth { throw UnknownVariable(name: name + " (nested too deep)") }
      out += try expand(value, depth: depth + 1)
      rest = afterOpen[close.upperBound...]
    }
    out += rest
    return out
  }

  /// The structured value a string that is exactly `{{name}}` stands for, following variables
  /// that are themselves exactly `{{other}}` (a variant choosing one of several bodies).
  private func wholeStructured(_ text: String, depth: Int) throws(UnknownVariable) -> JSONTree? {
    guard text.hasPrefix("{{"), text.hasSuffix("}}"), text.count > 4 else { return nil }
    let name = text.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
    guard !name.contains("{") && !name.contains("}") else { return nil }
    if let value = structured[name] { return value }
    guard let alias = values[name], depth < Self.maximumDepth else { return nil }
    return try wholeStructured(alias, depth: depth + 1)
  }

  /// Expands every string (and every member name) in a tree.
  public func expand(_ tree: JSONTree) throws(UnknownVariable) -> JSONTree {
    switch tree {
    case .string(let text):
      if let value = try wholeStructured(text, depth: 0) { return try expand(value) }
      return .string(try expand(text))
    case .array(let elements):
      var out: [JSONTree] = []
      out.reserveCapacity(elements.count)
      for element in elements { out.append(try expand(element)) }
      return .array(out)
    case .object(let members):
      var out: [(String, JSONTree)] = []
      out.reserveCapacity(members.count)
      for (key, value) in members { out.append((try expand(key), try expand(value))) }
      return .object(out)
    default:
      return tree
    }
  }
}
