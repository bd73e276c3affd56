import Foundation
import RenkeiCore

/// The NGSI-LD query language (ETSI GS CIM 009 clause 4.9): terms joined by `;` (and) and `|` (or),
/// parentheses, comparisons, value lists, ranges, patterns, attribute paths (`a.b`) and compound
/// member paths (`a[b.c]`). Parsed once, evaluated against stored entities.
public indirect enum QueryLanguage: Sendable {
  case and([QueryLanguage])
  case or([QueryLanguage])
  case exists(Path, negated: Bool)
  case compare(Path, Operator, Operand)

  public enum Operator: String, Sendable {
    case equal = "=="
    case unequal = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    case pattern = "=~"
    case notPattern = "!~="
  }

  public enum Operand: Sendable {
    case value(Literal)
    case list([Literal])
    case range(Literal, Literal)
  }

  public enum Literal: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
  }

  public struct Path: Sendable, Equatable {
    /// Attribute then sub-attributes, as written (expanded at evaluation).
    public var attributes: [String]
    /// Member keys inside the value (`[a.b]`).
    public var members: [String]
  }

  // MARK: Parsing

  public static func parse(_ text: String) throws(ProblemDetails) -> QueryLanguage {
    var parser = Parser(Array(text.unicodeScalars))
    let query = try parser.orExpression(depth: 0)
    guard parser.atEnd else { throw parser.failure("unexpected \"\(parser.rest)\"") }
    return query
  }

  struct Parser {
    let scalars: [Unicode.Scalar]
    var at = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { at >= scalars.count }
    var rest: String { String(String.UnicodeScalarView(scalars[min(at, scalars.count)...])) }
    func peek(_ offset: Int = 0) -> Unicode.Scalar? { at + offset < scalars.count ? scalars[at + offset] : nil }

    func failure(_ message: String) -> ProblemDetails {
      ProblemDetails.badRequest("Invalid q", detail: message)
    }

    mutating func orExpression(depth: Int) throws(ProblemDetails) -> QueryLanguage {
      guard depth < 64 else { throw failure("nested too deeply") }
      var terms = [try andExpression(depth: depth)]
      while peek() == "|" {
        at += 1
        terms.append(try andExpression(depth: depth))
      }
      return terms.count == 1 ? terms[0] : .or(terms)
    }

    mutating func andExpression(depth: Int) throws(ProblemDetails) -> QueryLanguage {
      var terms = [try factor(depth: depth)]
      while peek() == ";" {
        at += 1
        terms.append(try factor(depth: depth))
      }
      return terms.count == 1 ? terms[0] : .and(terms)
    }

    mutating func factor(depth: Int) throws(ProblemDetails) -> QueryLanguage {
      if peek() == "(" {
        at += 1
        let inner = try orExpression(depth: depth + 1)
        guard peek() == ")" else { throw failure("missing )") }
        at += 1
        return inner
      }
      var negated = false
      if peek() == "!" && peek(1) != "=" {
        negated = true
        at += 1
      }
      let path = try self.path()
      guard let op = self.op() else {
        return .exists(path, negated: negated)
      }
      guard !negated else { throw failure("! only negates an attribute name") }
      let operand = try self.operand(op)
      return .compare(path, op, operand)
    }

    mutating func path() throws(ProblemDetails) -> Path {
      var attributes: [String] = []
      var members: [String] = []
      var current = ""
      func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        !["=", "!", "<", ">", ";", "|", "(", ")", "[", "]", ".", "~", "\"", " "].contains(s)
      }
      while let s = peek() {
        if s == "." && !current.isEmpty {
          attributes.append(current)
          current = ""
          at += 1
        } else if isNameScalar(s) {
          current.unicodeScalars.append(s)
          at += 1
        } else {
          break
        }
      }
      guard !current.isEmpty else { throw failure("attribute name expected at \"\(rest)\"") }
      attributes.append(current)
      if peek() == "[" {
        at += 1
        var member = ""
        while let s = peek(), s != "]" {
          if s == "." {
            members.append(member)
            member = ""
          } else {
            member.unicodeScalars.append(s)
          }
          at += 1
        }
        guard peek() == "]", !member.isEmpty else { throw failure("unterminated [ in attribute path") }
        members.append(member)
        at += 1
      }
      return Path(attributes: attributes, members: members)
    }

    mutating func op() -> Operator? {
      for candidate in ["!~=", "==", "!=", ">=", "<=", "=~", ">", "<"] {
        let text = Array(candidate.unicodeScalars)
        if at + text.count <= scalars.count && Array(scalars[at..<at + text.count]) == text {
          at += text.count
          return Operator(rawValue: candidate)
        }
      }
      return nil
    }

    mutating func operand(_ op: Operator) throws(ProblemDetails) -> Operand {
      if op == .pattern || op == .notPattern {
        var pattern = ""
        while let s = peek(), s != ";" && s != "|" && s != ")" {
          pattern.unicodeScalars.append(s)
          at += 1
        }
        guard !pattern.isEmpty else { throw failure("pattern expected") }
        return .value(.string(pattern))
      }
      let first = try literal()
      if peek() == "." && peek(1) == "." {
        guard op == .equal || op == .unequal else { throw failure("a range needs == or !=") }
        at += 2
        return .range(first, try literal())
      }
      if peek() == "," {
        guard op == .equal || op == .unequal else { throw failure("a value list needs == or !=") }
        var items = [first]
        while peek() == "," {
          at += 1
          items.append(try literal())
        }
        return .list(items)
      }
      return .value(first)
    }

    mutating func literal() throws(ProblemDetails) -> Literal {
      if peek() == "\"" {
        at += 1
        var text = ""
        while let s = peek(), s != "\"" {
          if s == "\\", let next = peek(1) {
            text.unicodeScalars.append(next)
            at += 2
            continue
          }
          text.unicodeScalars.append(s)
          at += 1
        }
        guard peek() == "\"" else { throw failure("unterminated string") }
        at += 1
        return .string(text)
      }
      var text = ""
      while let s = peek(), s != ";" && s != "|" && s != ")" && s != "," {
        if s == "." && peek(1) == "." { break }
        text.unicodeScalars.append(s)
        at += 1
      }
      guard !text.isEmpty else { throw failure("value expected") }
      if text == "true" { return .bool(true) }
      if text == "false" { return .bool(false) }
      if let number = Double(text), text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true {
        return .number(number)
      }
      // Unquoted dates, times and URIs compare as strings.
      return .string(text)
    }
  }

  // MARK: Evaluation

  func matches(_ entity: StoredEntity, context: ActiveContext) -> Bool {
    switch self {
    case .and(let terms): return terms.allSatisfy { $0.matches(entity, context: context) }
    case .or(let terms): return terms.contains { $0.matches(entity, context: context) }
    case .exists(let path, let negated):
      return Self.values(path, entity, context).isEmpty == negated
    case .compare(let path, let op, let operand):
      let values = Self.values(path, entity, context).flatMap { $0.array ?? [$0] }
      if op == .unequal {
        // Unequal holds when the attribute exists and no value equals (clause 4.9).
        guard !values.isEmpty else { return false }
        return !values.contains { Self.test($0, .equal, operand) }
      }
      if op == .notPattern {
        guard !values.isEmpty else { return false }
        return !values.contains { Self.test($0, .pattern, operand) }
      }
      return values.contains { Self.test($0, op, operand) }
    }
  }

  /// The values a path designates in an entity (one per attribute instance).
  static func values(_ path: Path, _ entity: StoredEntity, _ context: ActiveContext) -> [JSONTree] {
    var first = path.attributes[0]
    var sub = Array(path.attributes.dropFirst())
    if first == "id" && sub.isEmpty { return [.string(entity.id)] }
    if first == "type" && sub.isEmpty { return entity.types.map { .string(context.compact($0)) } }
    if first == "createdAt" && sub.isEmpty { return [.string(entity.createdAt)] }
    if first == "modifiedAt" && sub.isEmpty { return [.string(entity.modifiedAt)] }
    // A full IRI with dots was split at its dots: join back while no such attribute exists.
    while entity.attribute(context.expand(first)) == nil, !sub.isEmpty, first.contains(":") {
      first += "." + sub.removeFirst()
    }
    guard var instances = entity.attribute(context.expand(first)) else { return [] }
    for name in sub {
      if ["observedAt", "createdAt", "modifiedAt", "unitCode", "datasetId"].contains(name) {
        instances = instances.compactMap { $0[name] }
        return instances
      }
      instances = instances.compactMap { $0[context.expand(name)] }
    }
    var out: [JSONTree] = []
    for instance in instances {
      let type = instance["type"]?.string ?? "Property"
      guard var value = instance[NGSILDSyntax.contentMember[type] ?? "value"] else { continue }
      if type == "LanguageProperty", path.members.isEmpty {
        out.append(contentsOf: (value.members ?? []).map(\.value))
        continue
      }
      if path.members.isEmpty, value["@type"] != nil, let typed = value["@value"] {
        // A JSON-LD typed value ({"@type": "DateTime", "@value": ...}) compares as its value.
        out.append(typed)
        continue
      }
      var found = true
      for key in path.members {
        if let next = value[key] {
          value = next
        } else {
          found = false
          break
        }
      }
      if found { out.append(value) }
    }
    return out
  }

  static func test(_ value: JSONTree, _ op: Operator, _ operand: Operand) -> Bool {
    switch operand {
    case .list(let items): return items.contains { compare(value, .equal, $0) }
    case .range(let low, let high):
      return compare(value, .greaterOrEqual, low) && compare(value, .lessOrEqual, high)
    case .value(let literal): return compare(value, op, literal)
    }
  }

  static func compare(_ value: JSONTree, _ op: Operator, _ literal: Literal) -> Bool {
    switch (value, literal) {
    case (.number(let lexeme), .number(let number)):
      guard let actual = Double(lexeme) else { return false }
      return order(actual, number, op)
    case (.string(let text), .string(let expected)):
      if op == .pattern {
        guard let regex = try? Regex(expected) else { return false }
        return (try? regex.firstMatch(in: text)) != nil
      }
      if let a = SystemClock.parse(text), let b = SystemClock.parse(expected) { return order(a, b, op) }
      return order(text, expected, op)
    case (.string(let text), .number(let number)):
      guard let actual = Double(text) else { return false }
      return order(actual, number, op)
    case (.bool(let flag), .bool(let expected)):
      return op == .equal ? flag == expected : false
    default:
      return false
    }
  }

  static func order<T: Comparable>(_ a: T, _ b: T, _ op: Operator) -> Bool {
    switch op {
    case .equal: return a == b
    case .unequal: return a != b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .pattern, .notPattern: return false
    }
  }
}
