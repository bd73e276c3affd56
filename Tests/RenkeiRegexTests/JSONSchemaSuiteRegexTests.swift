import Foundation
import RenkeiRegex
import XCTest

/// Runs the regex-related files of the JSON-Schema-Test-Suite (draft 2020-12) against this engine,
/// with a minimal evaluator for the few other keywords those files use alongside `pattern`.
final class JSONSchemaSuiteRegexTests: XCTestCase {
  private static let suiteDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Suites/JSON-Schema-Test-Suite/tests/draft2020-12")

  /// Cases expected to fail, by "file: group / test" with the reason. Empty: everything passes.
  private static let knownFailures: [String: String] = [:]

  func testPattern() throws { try run("pattern.json", required: true) }
  func testPatternProperties() throws { try run("patternProperties.json", required: true) }
  func testOptionalECMAScriptRegex() throws { try run("optional/ecmascript-regex.json") }
  func testOptionalNonBMPRegex() throws { try run("optional/non-bmp-regex.json") }
  func testOptionalFormatRegex() throws { try run("optional/format/regex.json") }
  func testOptionalFormatECMAScriptRegex() throws { try run("optional/format/ecmascript-regex.json") }

  private func run(_ file: String, required: Bool = false) throws {
    let url = Self.suiteDirectory.appendingPathComponent(file)
    let groups = try SuiteJSON.parse(String(contentsOf: url, encoding: .utf8))
    var passed = 0
    var failures: [String] = []
    for group in groups.elements {
      let schema = try XCTUnwrap(group["schema"])
      for test in try XCTUnwrap(group["tests"]).elements {
        let name = "\(file): \(group["description"]?.string ?? "?") / \(test["description"]?.string ?? "?")"
        let expected = test["valid"] == .bool(true)
        let actual: Bool
        do {
          actual = try SuiteEvaluator.validate(try XCTUnwrap(test["data"]), against: schema)
        } catch {
          failures.append("\(name): \(error)")
          continue
        }
        if actual == expected {
          passed += 1
        } else if Self.knownFailures[name] == nil {
          failures.append("\(name): expected \(expected ? "valid" : "invalid")")
        }
      }
    }
    print("JSON-Schema-Test-Suite \(file): \(passed)/\(passed + failures.count) passed")
    for failure in failures { print("  FAIL \(failure)") }
    XCTAssertTrue(failures.isEmpty, "\(file)\(required ? " (required)" : ""):\n" + failures.joined(separator: "\n"))
  }
}

/// Just enough of JSON Schema to evaluate the schemas of the regex test files; anything else is
/// reported rather than guessed.
private enum SuiteEvaluator {
  struct Unsupported: Error, CustomStringConvertible {
    let description: String
  }

  static func validate(_ instance: SuiteJSON, against schema: SuiteJSON) throws -> Bool {
    if case .bool(let value) = schema { return value }
    guard case .object(let members) = schema else { throw Unsupported(description: "schema \(schema)") }
    for (keyword, value) in members {
      switch keyword {
      case "$schema", "description":
        continue
      case "type":
        guard try matchesType(instance, value.string ?? "") else { return false }
      case "maximum":
        if case .number(let number) = instance, case .number(let limit) = value, number > limit { return false }
      case "pattern":
        guard case .string(let text) = instance else { continue }
        let regex = try ECMARegex(value.string ?? "")
        switch regex.evaluate(text) {
        case .match: continue
        case .noMatch: return false
        case .budgetExceeded: throw Unsupported(description: "budget exceeded")
        }
      case "format":
        guard value.string == "regex" else { throw Unsupported(description: "format \(value)") }
        if case .string(let pattern) = instance, !ECMARegex.isValid(pattern) { return false }
      case "patternProperties", "additionalProperties":
        continue  // evaluated together below
      default:
        throw Unsupported(description: "keyword \(keyword)")
      }
    }
    return try validateProperties(instance, schema)
  }

  private static func validateProperties(_ instance: SuiteJSON, _ schema: SuiteJSON) throws -> Bool {
    guard case .object(let properties) = instance else { return true }
    let patterns = try (schema["patternProperties"]?.members ?? []).map { (try ECMARegex($0.key), $0.value) }
    for (name, value) in properties {
      var matched = false
      for (regex, subschema) in patterns where regex.evaluate(name) == .match {
        matched = true
        guard try validate(value, against: subschema) else { return false }
      }
      if !matched, let additional = schema["additionalProperties"], try !validate(value, against: additional) {
        return false
      }
    }
    return true
  }

  private static func matchesType(_ instance: SuiteJSON, _ type: String) throws -> Bool {
    switch (type, instance) {
    case ("string", .string), ("object", .object), ("array", .array), ("boolean", .bool), ("null", .null),
      ("number", .number):
      true
    case ("integer", .number(let value)): value.rounded() == value
    case ("string", _), ("object", _), ("array", _), ("boolean", _), ("null", _), ("number", _), ("integer", _):
      false
    default: throw Unsupported(description: "type \(type)")
    }
  }
}

/// A small JSON reader for the suite files (it decodes `\u` surrogate pairs, which the non-BMP
/// tests rely on, and keeps booleans apart from numbers).
private enum SuiteJSON: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([SuiteJSON])
  case object([(key: String, value: SuiteJSON)])

  static func == (lhs: SuiteJSON, rhs: SuiteJSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
    default: false
    }
  }

  var string: String? { if case .string(let value) = self { value } else { nil } }
  var elements: [SuiteJSON] { if case .array(let value) = self { value } else { [] } }
  var members: [(key: String, value: SuiteJSON)]? { if case .object(let value) = self { value } else { nil } }
  subscript(key: String) -> SuiteJSON? { members?.first { $0.key == key }?.value }

  struct SyntaxError: Error {
    let offset: Int
  }

  static func parse(_ text: String) throws -> SuiteJSON {
    var reader = Reader(scalars: Array(text.unicodeScalars))
    let value = try reader.value()
    reader.skipSpace()
    guard reader.position == reader.scalars.count else { throw SyntaxError(offset: reader.position) }
    return value
  }

  private struct Reader {
    let scalars: [Unicode.Scalar]
    var position = 0

    mutating func skipSpace() {
      while position < scalars.count, " \t\r\n".unicodeScalars.contains(scalars[position]) { position += 1 }
    }

    mutating func expect(_ literal: String) throws {
      for scalar in literal.unicodeScalars {
        guard position < scalars.count, scalars[position] == scalar else { throw SyntaxError(offset: position) }
        position += 1
      }
    }

    mutating func value() throws -> SuiteJSON {
      skipSpace()
      guard position < scalars.count else { throw SyntaxError(offset: position) }
      switch scalars[position] {
      case "n":
        try expect("null")
        return .null
      case "t":
        try expect("true")
        return .bool(true)
      case "f":
        try expect("false")
        return .bool(false)
      case "\"": return .string(try string())
      case "[":
        position += 1
        var elements: [SuiteJSON] = []
        skipSpace()
        if scalars[position] == "]" {
          position += 1
          return .array(elements)
        }
        while true {
          elements.append(try value())
          skipSpace()
          if scalars[position] == "]" { break }
          try expect(",")
        }
        position += 1
        return .array(elements)
      case "{":
        position += 1
        var members: [(key: String, value: SuiteJSON)] = []
        skipSpace()
        if scalars[position] == "}" {
          position += 1
          return .object(members)
        }
        while true {
          skipSpace()
          let key = try string()
          skipSpace()
          try expect(":")
          members.append((key, try value()))
          skipSpace()
          if scalars[position] == "}" { break }
          try expect(",")
        }
        position += 1
        return .object(members)
      default:
        let start = position
        while position < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[position]) { position += 1 }
        var literal = String.UnicodeScalarView()
        literal.append(contentsOf: scalars[start..<position])
        guard let number = Double(String(literal)) else { throw SyntaxError(offset: start) }
        return .number(number)
      }
    }

    mutating func string() throws -> String {
      try expect("\"")
      var result = String.UnicodeScalarView()
      while true {
        guard position < scalars.count else { throw SyntaxError(offset: position) }
        let scalar = scalars[position]
        position += 1
        if scalar == "\"" { return String(result) }
        guard scalar == "\\" else {
          result.append(scalar)
          continue
        }
        let escape = scalars[position]
        position += 1
        switch escape {
        case "n": result.append("\n")
        case "t": result.append("\t")
        case "r": result.append("\r")
        case "b": result.append("\u{8}")
        case "f": result.append("\u{C}")
        case "u":
          var value = try hex4()
          if (0xD800...0xDBFF).contains(value), scalars[position] == "\\", scalars[position + 1] == "u" {
            position += 2
            let low = try hex4()
            value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
          }
          guard let decoded = Unicode.Scalar(value) else { throw SyntaxError(offset: position) }
          result.append(decoded)
        default: result.append(escape)
        }
      }
    }

    mutating func hex4() throws -> UInt32 {
      guard position + 4 <= scalars.count,
        let value = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 4])), radix: 16)
      else { throw SyntaxError(offset: position) }
      position += 4
      return value
    }
  }
}
