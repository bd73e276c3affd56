internal import CLibXML2
import RenkeiCore

/// An XML Schema (XSD 1.0) compiled once by libxml2 and reused for any number of documents.
///
/// Thread safety: the compiled schema is never modified after `init`; every validation creates
/// its own libxml2 validation context that only reads it, so one `XSDSchema` may be used by
/// several `XMLValidator`s on several threads at once.
///
/// While compiling, local files named by xs:include, xs:import and xs:redefine are loaded;
/// network locations are refused (the import is skipped, with a warning).
public final class XSDSchema: @unchecked Sendable {
  /// The schema file as given.
  public let path: String
  /// Warnings from compilation (e.g. an import that was skipped).
  public let warnings: [Finding]
  /// The compiled schema; owned by this object and immutable.
  let pointer: xmlSchemaPtr

  /// Compiles the schema at `path`. Throws when it cannot be read or is not a valid XSD.
  public init(path: String) throws(XSDSchemaError) {
    let collector = XMLErrorCollector(purpose: .schema, file: path)
    let compiled: xmlSchemaPtr? = LibXML2.withCollector(collector) {
      guard let context = xmlSchemaNewParserCtxt(path) else { return nil }
      defer { xmlSchemaFreeParserCtxt(context) }
      xmlSchemaSetParserStructuredErrors(
        context, LibXML2.collectError, Unmanaged.passUnretained(collector).toOpaque())
      return xmlSchemaParse(context)
    }
    guard let compiled, !collector.hasErrors else {
      if let compiled { xmlSchemaFree(compiled) }
      var findings = collector.finalFindings
      if !findings.contains(where: { $0.severity == .error }) {
        findings.append(
          XMLRules.xsdUnusable.finding(
            at: SourceLocation(file: path), ["detail": "libxml2 could not compile it", "code": "0"]))
      }
      throw XSDSchemaError(path: path, findings: findings)
    }
    self.path = path
    self.pointer = compiled
    self.warnings = collector.finalFindings
  }

  deinit { xmlSchemaFree(pointer) }
}
