/// The clause of a published specification that a check enforces.
public struct SpecReference: Sendable, Hashable, Codable {
  /// The specification, e.g. "RFC 8259" or "ETSI GS CIM 009 V1.8.1".
  public var document: String
  /// The clause within it, e.g. "4" or "5.2.4"; empty when the whole document applies.
  public var clause: String
  /// Where to read it.
  public var url: String?

  public init(document: String, clause: String, url: String? = nil) {
    self.document = document
    self.clause = clause
    self.url = url
  }

  /// "RFC 8259 §4".
  public var citation: String { clause.isEmpty ? document : "\(document) §\(clause)" }

  public static func rfc8259(_ clause: String) -> SpecReference {
    SpecReference(
      document: "RFC 8259", clause: clause,
      url: "https://www.rfc-editor.org/rfc/rfc8259#section-\(clause)")
  }
}
