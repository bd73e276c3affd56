import RenkeiCore
import RenkeiSchema

/// `expect.body.schema`: the JSON answer is valid against a JSON Schema.
public struct BodySchemaExpectation: Expectation {
  public var schema: JSONTree
  private let compiled: CompiledSchema?
  public var id: String { "body:schema" }

  public init(_ schema: JSONTree) {
    self.schema = schema
    if let document = try? JSONParser().parse(schema.bytes()).document {
      compiled = try? CompiledSchema(document: document, registry: SchemaRegistry())
    } else {
      compiled = nil
    }
  }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    guard let compiled else {
      return CheckFailure(check: id, expected: "a usable schema", actual: "the schema does not compile")
    }
    guard let json = response.json, let document = try? JSONParser().parse(json.bytes()).document else {
      return CheckFailure(check: id, expected: "a JSON body", actual: response.bodySummary)
    }
    if compiled.isValid(document.root) { return nil }
    let units = compiled.validate(document.root)
    let detail = units.first.map { "\($0.instanceLocation) \($0.keywordLocation)" } ?? ""
    return CheckFailure(
      check: id, expected: "valid against \(ObservedResponse.clip(schema.text(), 120))",
      actual: "invalid at \(detail): \(response.bodySummary)")
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    // A body of another kind must break any schema that says anything.
    if case .array = response.json { return [.replaceBody("{\"renkeiMutated\":true}")] }
    return [.replaceBody("[\"renkei-mutated\"]")]
  }
}
