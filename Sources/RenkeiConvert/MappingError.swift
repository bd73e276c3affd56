/// A mapping that cannot be used: a fatal problem of the run, not a finding about the data.
public struct MappingError: Error, Sendable, CustomStringConvertible {
  public let file: String?
  /// Where in the mapping (a JSON Pointer into the YAML document).
  public let pointer: String
  public let reason: String

  public init(file: String?, pointer: String, reason: String) {
    self.file = file
    self.pointer = pointer
    self.reason = reason
  }

  public var description: String {
    "mapping \(file ?? "-")\(pointer.isEmpty ? "" : " at \(pointer)"): \(reason)"
  }
}
