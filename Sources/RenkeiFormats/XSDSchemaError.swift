import RenkeiCore

/// An XML Schema that cannot be compiled. This is a problem with how renkei was called (the
/// --xsd argument), not with the data, so it is thrown rather than reported per file.
public struct XSDSchemaError: Error, Sendable, CustomStringConvertible {
  public let path: String
  /// `xml-xsd-unusable` findings (and any warnings) with line:column in the schema files.
  public let findings: [Finding]

  public init(path: String, findings: [Finding]) {
    self.path = path
    self.findings = findings
  }

  public var description: String {
    let first = findings.first { $0.severity == .error } ?? findings.first
    guard let first else { return "\(path): the XML Schema cannot be used" }
    return "\(first.location.compact): \(first.message)"
  }
}
