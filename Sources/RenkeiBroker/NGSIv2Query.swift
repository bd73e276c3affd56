import Foundation
import RenkeiCore

/// The Simple Query Language of the Orion API spec ("Simple Query Language"): `q` filters on
/// attribute values, `mq` on metadata values. Statements separated by `;` are ANDed; each is unary
/// (`attr`, `!attr`) or binary (`path op value`, operators `==` `:` `!=` `>` `<` `>=` `<=` `~=`).
struct NGSIv2Query: Sendable {
  enum Operator: String, Sendable {
    case equal = "=="
    case unequal = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case
      match = "~="
  }

  /// One right-hand side literal: quoted text is always a string; otherwise a number, a boolean,
  /// null or (unquoted) text, which may also read as a date-time.
  enum Literal: Sendable, Equatable {
    case string(String, quoted: Bool)
    case number(Double)
    case bool(Bool)
    case null
  }

  enum Operand: Sendable, Equatable {
    case values([Literal])
    case range(Literal, Literal)
  }

  enum Statement: Sendable {
    case exists([String], negated: Bool)
    case compare([String], Operator, Operand)
  }

  var statements: [Statement]
  /// `mq`: the second path token names a metadata.
  var onMetadata: Bool

  /// Parses `q` (or `mq` when `metadata`); malformed text is a 400 BadRequest.
  init(_ text: String, metadata: Bool = false) throws(NGSIv2Error) {
    onMetadata = metadata
    statements = []
    let what = metadata ? "mq" : "q"
    let pieces = Self.split(text, on: ";")
    guard !pieces.isEmpty, !text.isEmpty else { throw .badRequest("empty \(what)") }
    for piece in pieces {
      let statement = piece.trimmingCharacters(in: .whitespaces)
      guard !statement.isEmpty else { throw .badRequest("empty statement in \(what)") }
      statements.append(try Self.statement(statement, metadata: metadata, what: what))
    }
  }

  /// Splits on `separator` outside single quotes.
  static func split(_ text: String, on separator: Character) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false
    for c in text {
      if c == "'" { quoted.toggle() }
      if c == separator && !quoted {
        out.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    out.append(current)
    return out
  }

  static func statement(_ text: String, metadata: Bool, what: String) throws(NGSIv2Error) -> Statement {
    let chars = Array(text)
    // Find the operator outside quotes.
    var i = 0
    var quoted = false
    while i < chars.count {
      let c = chars[i]
      if c == "'" { quoted.toggle() }
      if !quoted && "=!<>~:".contains(c) {
        // `!` at the start is the unary negation, not an operator.
        if c == "!" && i == 0 {
          i += 1
          continue
        }
        break
      }
      i += 1
    }
    if i == chars.count {
      var path = text
      var negated = false
      if path.hasPrefix("!") {
        negated = true
        path.removeFirst()
      }
      return .exists(try Self.path(path, metadata: metadata, what: what), negated: negated)
    }
    let left = String(chars[0..<i])
    let rest = String(chars[i...])
    let op: Operator
    let length: Int
    if rest.hasPrefix("==") {
      op = .equal
      length = 2
    } else if rest.hasPrefix("!=") {
      op = .unequal
      length = 2
    } else if rest.hasPrefix(">=") {
      op = .greaterOrEqual
      length = 2
    } else if rest.hasPrefix("<=") {
      op = .lessOrEqual
      length = 2
    } else if rest.hasPrefix("~=") {
      op = .match
      length = 2
    } else if rest.hasPrefix(">") {
      op = .greater
      length = 1
    } else if rest.hasPrefix("<") {
      op = .less
      length = 1
    } else if rest.hasPrefix(":") {
      op = .equal
      length = 1
    } else {
      throw .badRequest("invalid operator in \(what): \(text)")
    }
    let value = String(rest.dropFirst(length))
    guard !value.isEmpty else { throw .badRequest("empty right-hand side in \(what): \(text)") }
    let path = try Self.path(left, metadata: metadata, what: what)
    switch op {
    case .equal, .unequal:
      if !value.hasPrefix("'"), let dots = value.range(of: "..") {
        let low = String(value[..<dots.lowerBound])
        let high = String(value[dots.upperBound...])
        guard !low.isEmpty, !high.isEmpty, !high.contains("..") else {
          throw .badRequest("invalid range in \(what): \(text)")
        }
        return .compare(path, op, .range(try literal(low, what), try literal(high, what)))
      }
      var literals: [Literal] = []
      for item in split(value, on: ",") {
        guard !item.isEmpty else { throw .badRequest("empty item in list in \(what): \(text)") }
        literals.append(try literal(item, what))
      }
      return .compare(path, op, .values(literals))
    case .match:
      var pattern = value
      if pattern.count >= 2 && pattern.hasPrefix("'") && pattern.hasSuffix("'") {
        pattern = String(pattern.dropFirst().dropLast())
      }
      guard (try? NSRegularExpression(pattern: pattern)) != nil else {
        throw .badRequest("invalid regular expression in \(what): \(value)")
      }
      return .compare(path, op, .values([.string(pattern, quoted: true)]))
    default:
      if split(value, on: ",").count > 1 { throw .badRequest("a list is not allowed with \(op.rawValue) in \(what)") }
      return .compare(path, op, .values([try literal(value, what)]))
    }
  }

  /// An attribute path: tokens separated by `.`, a token may be quoted with `'`.
  static func path(_ text: String, metadata: Bool, what: String) throws(NGSIv2Error) -> [String] {
    var tokens: [String] = []
    var current = ""
    var quoted = false
    for c in text {
      if c == "'" {
        quoted.toggle()
      } else if c == "." && !quoted {
        tokens.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    tokens.append(current)
    guard !quoted, !tokens.contains(where: \.isEmpty) else {
      throw .badRequest("invalid attribute path in \(what): \(text)")
    }
    if metadata && tokens.count < 2 { throw .badRequest("mq needs attribute.metadata: \(text)") }
    for token in tokens where token.contains(where: { $0 == " " || $0 == "\"" }) {
      throw .badRequest("invalid attribute path in \(what): \(text)")
    }
    return tokens
  }

  static func literal(_ text: String, _ what: String) throws(NGSIv2Error) -> Literal {
    if text.hasPrefix("'") {
      guard text.count >= 2, text.hasSuffix("'") else { throw .badRequest("unterminated quote in \(what)") }
      return .string(String(text.dropFirst().dropLast()), quoted: true)
    }
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    if text == "null" { return .null }
    if let number = Double(text), text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true {
      return .number(number)
    }
    return .string(text, quoted: false)
  }

  // MARK: Evaluation

  /// Whether an entity satisfies every statement.
  func matches(_ entity: NGSIv2Entity) -> Bool {
    statements.allSatisfy { evaluate($0, entity) }
  }

  /// The target property value and whether it is a date-time, or nil when absent.
  func target(_ path: [String], _ entity: NGSIv2Entity) -> (value: JSONTree, isDate: Bool)? {
    let name = path[0]
    var value: JSONTree
    var isDate = false
    var rest = path.dropFirst()
    if onMetadata {
      let metadataName = path[1]
      rest = path.dropFirst(2)
      guard let attribute = entity.attribute(name) else { return nil }
      if let item = attribute.metadata(metadataName) {
        value = item.value
        isDate = item.type == "DateTime" || item.type == "ISO8601"
      } else if metadataName == "dateCreated" {
        value = .string(attribute.dateCreated)
        isDate = true
      } else if metadataName == "dateModified" {
        value = .string(attribute.dateModified)
        isDate = true
      } else {
        return nil
      }
    } else if name == "dateCreated" || name == "dateModified" {
      // Filtering uses the builtin even when a user attribute has the same name.
      value = .string(name == "dateCreated" ? entity.dateCreated : entity.dateModified)
      isDate = true
    } else if let attribute = entity.attribute(name) {
      value = attribute.value
      isDate = attribute.type == "DateTime" || attribute.type == "ISO8601"
    } else if name == "id" {
      value = .string(entity.id)
    } else if name == "type" {
      value = .string(entity.type)
    } else {
      return nil
    }
    for token in rest {
      guard let next = value[token] else { return nil }
      value = next
      isDate = false
    }
    // A null DateTime takes no part in filters ("Datetime support").
    if isDate && value == .null { return nil }
    return (value, isDate)
  }

  func evaluate(_ statement: Statement, _ entity: NGSIv2Entity) -> Bool {
    switch statement {
    case .exists(let path, let negated):
      return (target(path, entity) != nil) != negated
    case .compare(let path, let op, let operand):
      guard let (value, isDate) = target(path, entity) else { return false }
      switch (op, operand) {
      case (.equal, .values(let literals)):
        return literals.contains { Self.equal(value, $0, isDate) }
      case (.unequal, .values(let literals)):
        return !literals.contains { Self.equal(value, $0, isDate) }
      case (.equal, .range(let low, let high)):
        return Self.inRange(value, low, high, isDate)
      case (.unequal, .range(let low, let high)):
        return !Self.inRange(value, low, high, isDate)
      case (.match, .values(let literals)):
        guard case .string(let pattern, _) = literals.first, let text = value.string,
          let regex = try? NSRegularExpression(pattern: pattern)
        else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      case (_, .values(let literals)):
        guard let literal = literals.first, let order = Self.compare(value, literal, isDate) else { return false }
        switch op {
        case .greater: return order > 0
        case .less: return order < 0
        case .greaterOrEqual: return order >= 0
        case .lessOrEqual: return order <= 0
        default: return false
        }
      default:
        return false
      }
    }
  }

  /// Equality; an array target matches when one of its items does.
  static func equal(_ value: JSONTree, _ literal: Literal, _ isDate: Bool) -> Bool {
    if let items = value.array { return items.contains { equal($0, literal, false) } }
    switch (value, literal) {
    case (.number, .number(let n)): return value.double == n
    case (.bool(let b), .bool(let l)): return b == l
    case (.null, .null): return true
    case (.string(let s), .string(let l, _)):
      if isDate, let a = NGSIv2DateTime.parse(s), let b = NGSIv2DateTime.parse(l) { return a == b }
      return s == l
    // Unquoted words that read as numbers or booleans still match a string spelled the same way.
    case (.string(let s), .number): return isDate ? false : s == literalText(literal)
    case (.string(let s), .bool(let b)): return s == (b ? "true" : "false")
    default: return false
    }
  }

  static func literalText(_ literal: Literal) -> String {
    switch literal {
    case .string(let s, _): return s
    case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    }
  }

  /// -1, 0 or 1 when value and literal are comparable: numbers, strings, date-times.
  static func compare(_ value: JSONTree, _ literal: Literal, _ isDate: Bool) -> Int? {
    switch (value, literal) {
    case (.number, .number(let n)):
      guard let v = value.double else { return nil }
      return v < n ? -1 : (v > n ? 1 : 0)
    case (.string(let s), _):
      if isDate {
        guard let a = NGSIv2DateTime.parse(s), let b = NGSIv2DateTime.parse(literalText(literal)) else { return nil }
        return a < b ? -1 : (a > b ? 1 : 0)
      }
      guard case .string(let l, _) = literal else { return nil }
      return s < l ? -1 : (s > l ? 1 : 0)
    default:
      return nil
    }
  }

  static func inRange(_ value: JSONTree, _ low: Literal, _ high: Literal, _ isDate: Bool) -> Bool {
    guard let a = compare(value, low, isDate), let b = compare(value, high, isDate) else { return false }
    return a >= 0 && b <= 0
  }
}
