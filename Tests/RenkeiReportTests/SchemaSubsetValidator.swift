import RenkeiCore

/// A test-only validator for the subset of JSON Schema 2020-12 that `report-v1.schema.json`
/// uses, until renkei has its own JSON Schema engine. It refuses schemas that use any keyword
/// outside the subset (`unsupportedKeywords`), so it can never pass an instance by ignoring a
/// constraint it does not know.
struct SchemaSubsetValidator {
  /// Keywords this validator enforces, plus annotations it may ignore.
  static let assertions: Set<String> = [
    "type", "const", "enum", "properties", "required", "additionalProperties", "items", "$ref",
    "minimum", "minLength",
  ]
  static let annotations: Set<String> = ["$schema", "$defs", "title", "description"]

  let root: JSONValue

  /// Keywords anywhere in the schema that this validator does not handle, as "pointer: keyword".
  func unsupportedKeywords() -> [String] {
    var found: [String] = []
    forEachSchema { schema, path in
      for (key, _) in schema.members
      where !Self.assertions.contains(key) && !Self.annotations.contains(key) {
        found.append("\(path): \(key)")
      }
    }
    return found
  }

  /// Calls `body` with every schema object reachable from the root and its pointer.
  func forEachSchema(_ body: (JSONValue, String) -> Void) {
    var stack = [(root, "")]
    while let (schema, path) = stack.popLast() {
      guard schema.kind == .object else { continue }
      body(schema, path)
      for (name, child) in schema["properties"]?.members ?? [] {
        stack.append((child, "\(path)/properties/\(name)"))
      }
      for (name, child) in schema["$defs"]?.members ?? [] {
        stack.append((child, "\(path)/$defs/\(name)"))
      }
      if let items = schema["items"] { stack.append((items, "\(path)/items")) }
      if let additional = schema["additionalProperties"], additional.kind == .object {
        stack.append((additional, "\(path)/additionalProperties"))
      }
    }
  }

  /// Violations of the schema by `instance`, as "instance pointer: problem".
  func validate(_ instance: JSONValue) -> [String] {
    var errors: [String] = []
    validate(instance, root, at: "", into: &errors)
    return errors
  }

  private func validate(_ instance: JSONValue, _ schema: JSONValue, at path: String, into errors: inout [String]) {
    if let reference = schema["$ref"]?.string {
      guard let target = resolve(reference) else {
        errors.append("\(path): unresolvable $ref \(reference)")
        return
      }
      validate(instance, target, at: path, into: &errors)
    }
    if let type = schema["type"] {
      let allowed = type.kind == .array ? type.elements.compactMap(\.string) : [type.string ?? ""]
      if !allowed.contains(where: { Self.matches(instance, type: $0) }) {
        errors.append("\(path): \(instance.kind) is not of type \(allowed.joined(separator: "|"))")
      }
    }
    if let constant = schema["const"], instance != constant {
      errors.append("\(path): not the constant \(JSONWriter().string(constant))")
    }
    if let options = schema["enum"], !options.elements.contains(where: { $0 == instance }) {
      errors.append("\(path): \(JSONWriter().string(instance)) is not one of \(JSONWriter().string(options))")
    }
    if let minimum = schema["minimum"]?.number, let number = instance.number, number.double < minimum.double {
      errors.append("\(path): \(number) is below the minimum \(minimum)")
    }
    if let minLength = schema["minLength"]?.number?.int64, let text = instance.string,
      text.unicodeScalars.count < minLength
    {
      errors.append("\(path): shorter than \(minLength)")
    }
    if instance.kind == .object {
      let properties = schema["properties"]
      for name in schema["required"]?.elements.compactMap(\.string) ?? [] where instance[name] == nil {
        errors.append("\(path): required member \"\(name)\" is missing")
      }
      for (name, value) in instance.members {
        if let propertySchema = properties?[name] {
          validate(value, propertySchema, at: "\(path)/\(name)", into: &errors)
        } else if let additional = schema["additionalProperties"] {
          if additional.bool == false {
            errors.append("\(path): member \"\(name)\" is not declared in the schema")
          } else if additional.kind == .object {
            validate(value, additional, at: "\(path)/\(name)", into: &errors)
          }
        }
      }
    }
    if instance.kind == .array, let items = schema["items"] {
      for (index, element) in instance.elements.enumerated() {
        validate(element, items, at: "\(path)/\(index)", into: &errors)
      }
    }
  }

  /// Local references only ("#/$defs/name"), which is all the report schema uses.
  private func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#/") else { return nil }
    var value: JSONValue? = root
    for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
      let name = token.replacing("~1", with: "/").replacing("~0", with: "~")
      value = value?[String(name)]
    }
    return value
  }

  private static func matches(_ instance: JSONValue, type: String) -> Bool {
    switch type {
    case "object": return instance.kind == .object
    case "array": return instance.kind == .array
    case "string": return instance.kind == .string
    case "boolean": return instance.kind == .bool
    case "null": return instance.kind == .null
    case "number": return instance.kind == .number
    case "integer": return instance.number?.isIntegerLexeme ?? false
    default: return false
    }
  }
}
