internal import CLibXML2
import RenkeiCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks XML documents for well-formedness and, given an `XSDSchema`, validity.
///
/// Documents are streamed through libxml2's xmlTextReader, which frees each node once it has
/// been read, so memory stays constant however large the file. Hostile input is defused: no
/// network access, no DTD loading, no entity substitution, libxml2's entity amplification
/// limits in force, and an entity loader that refuses every load while a document is read.
public struct XMLValidator: Sendable {
  public let schema: XSDSchema?
  /// Findings kept per document; the rest are counted in one `xml-findings-truncated` note.
  public var maxFindings: Int

  public init(schema: XSDSchema? = nil, maxFindings: Int = 1000) {
    self.schema = schema
    self.maxFindings = maxFindings
  }

  /// Checks the file at `path`, reading it in chunks.
  public func validate(fileAt path: String) -> XMLValidationResult {
    // libxml2 reports a missing file, a directory or an empty file as parse errors that name
    // the wrong problem; check them first.
    var info = stat()
    guard stat(path, &info) == 0 else {
      return unreadable(path, String(cString: strerror(errno)))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { return unreadable(path, "it is a directory") }
    if (info.st_mode & S_IFMT) == S_IFREG && info.st_size == 0 { return empty(path) }
    return run(file: path) { xmlReaderForFile(path, nil, LibXML2.instanceOptions) }
  }

  /// Checks a document in memory; `file` names it in findings.
  public func validate(_ bytes: [UInt8], file: String? = nil) -> XMLValidationResult {
    guard bytes.count <= Int(Int32.max) else {
      return unreadable(file, "\(bytes.count) bytes is too large to check in memory; check the file by path")
    }
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let start = chars.baseAddress, !chars.isEmpty else { return empty(file) }
        return run(file: file) { xmlReaderForMemory(start, Int32(chars.count), file, nil, LibXML2.instanceOptions) }
      }
    }
  }

  private func unreadable(_ file: String?, _ detail: String) -> XMLValidationResult {
    XMLValidationResult(
      elementCount: 0,
      findings: [XMLRules.unreadable.finding(at: SourceLocation(file: file), ["detail": detail, "code": "0"])])
  }

  /// A document needs a root element (XML 1.0 production [1]).
  private func empty(_ file: String?) -> XMLValidationResult {
    XMLValidationResult(
      elementCount: 0,
      findings: [
        XMLRules.notWellFormed.finding(
          at: SourceLocation(file: file, line: 1, column: 1),
          [
            "detail": "the document is empty (a root element is required)",
            "code": String(XML_ERR_DOCUMENT_EMPTY.rawValue),
          ])
      ])
  }

  private func run(file: String?, open: () -> OpaquePointer?) -> XMLValidationResult {
    let collector = XMLErrorCollector(purpose: .instance, file: file, maxFindings: maxFindings)
    var elements = 0
    LibXML2.withCollector(collector) {
      guard let reader = open() else {
        if collector.findings.isEmpty {
          collector.add(
            XMLRules.unreadable.finding(
              at: SourceLocation(file: file), ["detail": "libxml2 could not open it", "code": "0"]))
        }
        return
      }
      defer { xmlFreeTextReader(reader) }
      xmlTextReaderSetStructuredErrorHandler(
        reader, LibXML2.collectError, Unmanaged.passUnretained(collector).toOpaque())
      if let schema {
        // The reader keeps a pointer to the schema; `self` keeps the schema alive meanwhile.
        guard xmlTextReaderSetSchema(reader, schema.pointer) == 0 else {
          collector.add(
            XMLRules.xsdUnusable.finding(
              at: SourceLocation(file: schema.path), ["detail": "libxml2 refused to validate with it", "code": "0"]))
          return
        }
      }
      // 1: a node was read; 0: the end; -1: an error (already reported through the handler).
      var status = xmlTextReaderRead(reader)
      while status == 1 {
        switch xmlReaderTypes(UInt32(xmlTextReaderNodeType(reader))) {
        case XML_READER_TYPE_ELEMENT:
          elements += 1
        case XML_READER_TYPE_ENTITY_REFERENCE:
          noteEntityReference(reader, collector)
        case XML_READER_TYPE_DOCUMENT_TYPE:
          noteDocumentType(reader, collector)
        default:
          break
        }
        status = xmlTextReaderRead(reader)
      }
      if status < 0 && !collector.hasErrors {
        collector.add(
          XMLRules.notWellFormed.finding(
            at: SourceLocation(file: file, line: Int(xmlTextReaderGetParserLineNumber(reader))),
            ["detail": "the parser stopped", "code": "0"]))
      }
    }
    return XMLValidationResult(elementCount: elements, findings: collector.finalFindings)
  }

  /// A reference to an external entity is left unexpanded (that is what defuses XXE); say so.
  private func noteEntityReference(_ reader: OpaquePointer, _ collector: XMLErrorCollector) {
    guard let node = xmlTextReaderCurrentNode(reader), let document = node.pointee.doc,
      let entity = xmlGetDocEntity(document, node.pointee.name)
    else { return }
    let type = entity.pointee.etype
    guard type == XML_EXTERNAL_GENERAL_PARSED_ENTITY || type == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY else { return }
    let url = entity.pointee.SystemID.map { String(cString: $0) } ?? "(no system identifier)"
    let name = node.pointee.name.map { String(cString: $0) } ?? ""
    collector.add(
      XMLRules.externalEntityBlocked.finding(
        at: parserLocation(reader, collector),
        ["url": url, "what": "external entity &\(name);"]))
  }

  /// DTDs are never applied; a document that declares one is told so once, and each external
  /// parameter entity it declares is reported (libxml2 skips their references silently).
  private func noteDocumentType(_ reader: OpaquePointer, _ collector: XMLErrorCollector) {
    let location = parserLocation(reader, collector)
    let root = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
    var external = ""
    var parameterEntities: [(name: String, url: String)] = []
    if let node = xmlTextReaderCurrentNode(reader), let subset = node.pointee.doc?.pointee.intSubset {
      if let system = subset.pointee.SystemID {
        external = " (its external DTD \(String(cString: system)) is not loaded)"
      } else if let publicID = subset.pointee.ExternalID {
        external = " (its external DTD \(String(cString: publicID)) is not loaded)"
      }
      if let table = subset.pointee.pentities {
        // (A closure literal, not a stored C function pointer: members typed with libxml2
        // types would make importers of this module load libxml2's headers, whose ICU types
        // clash with Foundation's.)
        withUnsafeMutablePointer(to: &parameterEntities) { list in
          xmlHashScan(
            OpaquePointer(table),
            { payload, data, name in
              guard let payload, let data else { return }
              let entity = payload.assumingMemoryBound(to: xmlEntity.self).pointee
              guard entity.etype == XML_EXTERNAL_PARAMETER_ENTITY else { return }
              data.assumingMemoryBound(to: [(name: String, url: String)].self).pointee.append(
                (
                  name.map { String(cString: $0) } ?? "",
                  entity.SystemID.map { String(cString: $0) } ?? "(no system identifier)"
                ))
            }, list)
        }
      }
    }
    collector.add(XMLRules.dtdIgnored.finding(at: location, ["root": root, "external": external]))
    for entity in parameterEntities.sorted(by: { $0.name < $1.name }) {
      collector.add(
        XMLRules.externalEntityBlocked.finding(
          at: location, ["url": entity.url, "what": "external parameter entity %\(entity.name);"]))
    }
  }

  /// Where the parser is now (close to the node just read; nodes other than elements do not
  /// record their own line).
  private func parserLocation(_ reader: OpaquePointer, _ collector: XMLErrorCollector) -> SourceLocation {
    let line = Int(xmlTextReaderGetParserLineNumber(reader))
    return SourceLocation(file: collector.file, line: line > 0 ? line : nil)
  }
}
