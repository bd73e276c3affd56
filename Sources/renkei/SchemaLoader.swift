import ArgumentParser
import Foundation
import RenkeiCore
import RenkeiFormats
import RenkeiSchema

/// Reads the schema named by `--schema` (JSON or YAML) into a registry set up from the
/// command line, and compiles it once for the whole run.
struct SchemaLoader {
  let dialect: Dialect
  let schemaDirectories: [String]
  let references: [String]
  let allowNetwork: Bool

  func load(_ path: String) throws -> CompiledSchema {
    let registry = SchemaRegistry(defaultDialect: dialect)
    registry.allowNetwork = allowNetwork
    for directory in schemaDirectories { try registry.registerDirectory(directory) }
    for reference in references {
      let parts = reference.split(separator: "=", maxSplits: 1).map(String.init)
      registry.map(parts[0], to: parts[1])
    }
    let bytes = try FileBytes.read(path)
    let document: JSONDocument
    let lower = path.lowercased()
    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
      let result = YAMLReader().read(bytes, file: path)
      guard let first = result.documents.first, !result.hasErrors else {
        throw RuntimeError(result.findings.first?.message ?? "not a YAML document")
      }
      document = first
    } else {
      do {
        document = try JSONParser().parse(bytes).document
      } catch {
        throw RuntimeError(
          "\(error.position.line):\(error.position.column): \(Rule.render(error.rule.message, error.arguments))")
      }
    }
    // The file's own URI is its base, so relative references reach sibling files.
    let uri = document.root["$id"]?.string ?? SchemaRegistry.fileURI(path)
    return try CompiledSchema(document: document, uri: uri, registry: registry)
  }
}
