import RenkeiCore

/// Bowtie's harness protocol, version 1 (tag:bowtie.report,2023:ihop): one JSON command per
/// line in, one JSON response per line out. `start`, `dialect`, `run` and `stop`; the case's
/// `registry` entries are registered for `$ref` resolution.
public final class BowtieHarness {
  public enum Outcome {
    case respond([UInt8])
    /// `stop` (or the end of input): no response, end the loop.
    case stop
  }

  private var started = false
  private var dialect: Dialect = .draft2020_12
  private let version: String

  public init(version: String) { self.version = version }

  /// Handles one command line. Malformed commands are answered with an error response.
  public func handle(_ line: [UInt8]) -> Outcome {
    let command: JSONValue
    do {
      command = try JSONParser().parse(line).document.root
    } catch {
      return .respond(errorResponse(seq: nil, message: "malformed command: \(error.description)"))
    }
    switch command["cmd"]?.string {
    case "start":
      started = true
      guard command["version"]?.number?.lexeme == "1" else {
        return .respond(errorResponse(seq: nil, message: "unsupported protocol version"))
      }
      return .respond(startResponse())
    case "dialect":
      if let uri = command["dialect"]?.string, let chosen = Dialect(metaSchemaURI: uri) {
        dialect = chosen
        return .respond(
          object {
            $0.key("ok")
            $0.bool(true)
          })
      }
      return .respond(
        object {
          $0.key("ok")
          $0.bool(false)
        })
    case "run":
      return .respond(run(command))
    case "stop":
      return .stop
    default:
      return .respond(errorResponse(seq: nil, message: "unknown command"))
    }
  }

  private func run(_ command: JSONValue) -> [UInt8] {
    let seq = command["seq"]
    guard started, let testCase = command["case"], let schemaValue = testCase["schema"],
      let tests = testCase["tests"], tests.kind == .array
    else { return errorResponse(seq: seq, message: "run before start, or a case without schema and tests") }
    let registry = SchemaRegistry(defaultDialect: dialect)
    let schema: CompiledSchema
    do {
      if let entries = testCase["registry"], entries.kind == .object {
        for (uri, document) in entries.members {
          try registry.register(json: JSONWriter().bytes(document), uri: uri)
        }
      }
      let document = try JSONParser().parse(JSONWriter().bytes(schemaValue)).document
      schema = try CompiledSchema(document: document, registry: registry)
    } catch {
      return errorResponse(seq: seq, message: "\(error)")
    }
    return object { builder in
      builder.key("seq")
      if let seq { BowtieHarness.copy(seq, into: &builder) } else { builder.null() }
      builder.key("results")
      builder.beginArray()
      for test in tests.elements {
        builder.beginObject()
        builder.key("valid")
        builder.bool(test["instance"].map { schema.isValid($0) } ?? false)
        try? builder.end()
      }
      try? builder.end()
    }
  }

  private func startResponse() -> [UInt8] {
    object { builder in
      builder.key("version")
      builder.number(1)
      builder.key("implementation")
      builder.beginObject()
      for (key, value) in [
        ("language", "swift"), ("name", "renkei"), ("version", version),
        ("homepage", "https://renkei.invalid/"), ("issues", "https://renkei.invalid/issues"),
        ("source", "https://renkei.invalid/source"),
      ] {
        builder.key(key)
        builder.string(value)
      }
      builder.key("dialects")
      builder.beginArray()
      for dialect in Dialect.allCases.reversed() { builder.string(dialect.rawValue) }
      try? builder.end()
      try? builder.end()
    }
  }

  private func errorResponse(seq: JSONValue?, message: String) -> [UInt8] {
    object { builder in
      if let seq {
        builder.key("seq")
        BowtieHarness.copy(seq, into: &builder)
      }
      builder.key("errored")
      builder.bool(true)
      builder.key("context")
      builder.beginObject()
      builder.key("message")
      builder.string(message)
      try? builder.end()
    }
  }

  private func object(_ body: (inout JSONBuilder) -> Void) -> [UInt8] {
    var builder = JSONBuilder()
    builder.beginObject()
    body(&builder)
    try? builder.end()
    guard let document = builder.build() else { return Array("{}".utf8) }
    return JSONWriter().bytes(document.root)
  }

  /// Copies any JSON value (the `seq` is echoed unchanged, whatever its type).
  static func copy(_ value: JSONValue, into builder: inout JSONBuilder) {
    switch value.kind {
    case .null: builder.null()
    case .bool: builder.bool(value.bool!)
    case .number: try? builder.number(value.number!.lexeme)
    case .string: builder.string(value.string!)
    case .array:
      builder.beginArray()
      for element in value.elements { copy(element, into: &builder) }
      try? builder.end()
    case .object:
      builder.beginObject()
      for (key, member) in value.members {
        builder.key(key)
        copy(member, into: &builder)
      }
      try? builder.end()
    }
  }
}
