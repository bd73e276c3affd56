internal import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libxml2's headers bring in the system ICU, whose `UErrorCode` clashes with the copy inside
/// Foundation when a compilation sees both. So this file imports no Foundation, and the import
/// of CLibXML2 is `internal`, which keeps it out of what the generated test-discovery code
/// (which imports Foundation) loads with this module.
///
/// XML checks for the JUnit output through libxml2: well-formedness, XSD validity, and reading
/// values back to see that escaping round-trips.
public enum LibXML2 {
  /// The bytes of a file, without Foundation (see the note above).
  static func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65_536, file) }
      if got == 0 { break }
      bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
  }

  /// Collects libxml2's error messages through its structured-error callback.
  private final class Messages {
    var lines: [String] = []
  }

  /// Problems found parsing `xml` and validating it against the XSD at `schemaPath`; empty when
  /// the document is well-formed and valid.
  public static func validate(_ xml: String, schemaPath: String) -> [String] {
    let messages = Messages()
    let context = Unmanaged.passRetained(messages)
    defer { context.release() }
    let collect: xmlStructuredErrorFunc = { context, error in
      guard let context, let error else { return }
      let messages = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
      let text = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
      messages.lines.append(
        "line \(error.pointee.line): " + String(text.reversed().drop(while: \.isWhitespace).reversed()))
    }

    // The schema is handed over from memory: renkei's own XML code installs a process-wide
    // entity loader that refuses file loads outside schema compilation, and tests share a process.
    guard let schemaBytes = readFile(schemaPath) else { return ["cannot read \(schemaPath)"] }
    let created = schemaBytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { xmlSchemaNewMemParserCtxt($0.baseAddress, Int32($0.count)) }
    }
    guard let parserContext = created else { return ["cannot read \(schemaPath)"] }
    xmlSchemaSetParserStructuredErrors(parserContext, collect, context.toOpaque())
    let parsedSchema = xmlSchemaParse(parserContext)
    xmlSchemaFreeParserCtxt(parserContext)
    guard let parsedSchema else { return ["the XSD did not parse"] + messages.lines }
    defer { xmlSchemaFree(parsedSchema) }

    xmlSetStructuredErrorFunc(context.toOpaque(), collect)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    guard let document = read(xml) else { return ["not well-formed XML"] + messages.lines }
    defer { xmlFreeDoc(document) }

    guard let validation = xmlSchemaNewValidCtxt(parsedSchema) else { return ["no validation context"] }
    defer { xmlSchemaFreeValidCtxt(validation) }
    xmlSchemaSetValidStructuredErrors(validation, collect, context.toOpaque())
    let status = xmlSchemaValidateDoc(validation, document)
    if status != 0 && messages.lines.isEmpty { return ["validation failed with status \(status)"] }
    return messages.lines
  }

  /// The value of `attribute` on every element named `element`, in document order; nil when
  /// the text is not well-formed.
  public static func attributeValues(in xml: String, element: String, attribute: String) -> [String]? {
    guard let document = read(xml) else { return nil }
    defer { xmlFreeDoc(document) }
    var values: [String] = []
    forEachElement(named: element, in: document) { node in
      if let value = xmlGetProp(node, attribute) {
        values.append(String(cString: value))
        free(value)
      }
    }
    return values
  }

  /// The text content of every element named `element`, in document order.
  public static func textContents(in xml: String, element: String) -> [String]? {
    guard let document = read(xml) else { return nil }
    defer { xmlFreeDoc(document) }
    var values: [String] = []
    forEachElement(named: element, in: document) { node in
      if let value = xmlNodeGetContent(node) {
        values.append(String(cString: value))
        free(value)
      }
    }
    return values
  }

  private static func read(_ xml: String) -> xmlDocPtr? {
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
    return xml.withCString { xmlReadMemory($0, Int32(strlen($0)), "report.xml", "UTF-8", options) }
  }

  private static func forEachElement(named name: String, in document: xmlDocPtr, _ body: (xmlNodePtr) -> Void) {
    var stack: [xmlNodePtr] = []
    if let root = xmlDocGetRootElement(document) { stack.append(root) }
    while let node = stack.popLast() {
      if node.pointee.type == XML_ELEMENT_NODE, String(cString: node.pointee.name) == name { body(node) }
      var children: [xmlNodePtr] = []
      var child = node.pointee.children
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
        child = current.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
  }
}
