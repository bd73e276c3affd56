import Foundation
import XCTest

/// Full JSON Schema validation with python's `jsonschema` package, where it is installed. The
/// tests that use it skip (XCTSkip) on machines without python3 or without the package; the
/// always-on checks are `SchemaSubsetValidator` (JSON report) and the structural SARIF tests.
enum PythonJSONSchema {
  private static let script = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        sys.exit(77)
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        instance = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message)
    sys.exit(1 if errors else 0)
    """

  /// The violations of the schema at `schema` by the JSON text `instance` (empty when valid).
  static func violations(of instance: String, schema: URL) throws -> [String] {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("renkei-report-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let instanceURL = directory.appendingPathComponent("instance.json")
    try Data(instance.utf8).write(to: instanceURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema.path, instanceURL.path]
    let output = Pipe()
    let errorOutput = Pipe()
    process.standardOutput = output
    process.standardError = errorOutput
    do {
      try process.run()
    } catch {
      throw XCTSkip("python3 could not be started (\(error)); full JSON Schema validation skipped.")
    }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errorOutput.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0:
      return []
    case 1:
      return String(decoding: stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    case 77:
      throw XCTSkip("python3 has no jsonschema package (pip install jsonschema); full JSON Schema validation skipped.")
    case 127:
      throw XCTSkip("python3 is not installed; full JSON Schema validation skipped.")
    default:
      XCTFail("python3 jsonschema check failed: \(String(decoding: stderr, as: UTF8.self))")
      return ["python3 exited with status \(process.terminationStatus)"]
    }
  }
}
