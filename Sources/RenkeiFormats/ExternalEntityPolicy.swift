internal import CLibXML2
import RenkeiCore

/// Which external resources libxml2 may load, decided by the entity loader `LibXML2`
/// installs: local files while an XSD is being compiled (for xs:include, xs:import and
/// xs:redefine), nothing while a document is being checked, and nothing from the network ever.
///
/// Its members use only Swift types, so tests can reach the loader through it without loading
/// libxml2's headers.
public enum ExternalEntityPolicy {
  public static func permits(_ url: String, compilingSchema: Bool) -> Bool {
    compilingSchema && isLocal(url)
  }

  /// A path, or a file: URL; anything with another scheme (http:, ftp:, ...) is remote.
  public static func isLocal(_ url: String) -> Bool {
    guard let colon = url.firstIndex(of: ":") else { return true }
    let scheme = url[..<colon]
    let isScheme =
      scheme.count > 1 && scheme.first!.isLetter
      && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    // "C:\x.xsd" (one letter) is a Windows drive, not a scheme.
    return !isScheme || scheme.lowercased() == "file"
  }

  /// Asks the installed libxml2 entity loader for `url`, as a schema compilation or a document
  /// check would; returns whether it was loaded and the findings recorded meanwhile.
  public static func requestThroughLoader(_ url: String, compilingSchema: Bool) -> (loaded: Bool, findings: [Finding]) {
    let collector = XMLErrorCollector(purpose: compilingSchema ? .schema : .instance, file: "request")
    let loaded = LibXML2.withCollector(collector) { () -> Bool in
      guard let context = xmlNewParserCtxt() else { return false }
      defer { xmlFreeParserCtxt(context) }
      guard let input = xmlLoadExternalEntity(url, nil, context) else { return false }
      // Hand the input to the context's (empty) input stack, so that freeing the context
      // frees it (xmlFreeInputStream is not in the public headers).
      if context.pointee.inputNr < context.pointee.inputMax, let stack = context.pointee.inputTab {
        stack[Int(context.pointee.inputNr)] = input
        context.pointee.inputNr += 1
      }
      return true
    }
    return (loaded, collector.finalFindings)
  }
}
