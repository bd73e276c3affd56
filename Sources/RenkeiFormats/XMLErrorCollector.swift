internal import CLibXML2
import RenkeiCore

/// Receives libxml2's errors for one parse (an instance document or a schema compilation)
/// and turns them into findings. It is handed to C callbacks as an unretained pointer, and
/// is only ever used on the thread doing that parse.
final class XMLErrorCollector {
  enum Purpose {
    /// Compiling an XSD: local includes and imports may be loaded.
    case schema
    /// Reading a document to check: nothing external is loaded.
    case instance
  }

  let purpose: Purpose
  /// The file findings are about when libxml2 does not name one.
  let file: String?
  let maxFindings: Int
  private(set) var findings: [Finding] = []
  private(set) var suppressed = 0
  private var refusedURLs: Set<String> = []
  private var sawFatalError = false

  init(purpose: Purpose, file: String?, maxFindings: Int = 1000) {
    self.purpose = purpose
    self.file = file
    self.maxFindings = maxFindings
  }

  var hasErrors: Bool { findings.contains { $0.severity == .error } }

  /// Findings with a note about those left out.
  var finalFindings: [Finding] {
    guard suppressed > 0 else { return findings }
    return findings + [
      XMLRules.findingsTruncated.finding(
        at: SourceLocation(file: file), ["count": String(suppressed), "limit": String(maxFindings)])
    ]
  }

  func add(_ finding: Finding) {
    guard findings.count < maxFindings else {
      suppressed += 1
      return
    }
    findings.append(finding)
  }

  /// One libxml2 error (structured error handlers end here).
  func record(_ error: xmlError) {
    let detail = error.message.map { XMLErrorCollector.clean(String(cString: $0)) } ?? "unknown libxml2 error"
    let location = SourceLocation(
      file: purpose == .schema ? (error.file.map { String(cString: $0) } ?? file) : file,
      line: error.line > 0 ? Int(error.line) : nil,
      column: error.int2 > 0 ? Int(error.int2) : nil)
    // A load the entity loader refused makes libxml2 report an I/O error as well; the
    // refusal has already been recorded with its URL.
    if purpose == .instance, error.domain == Int32(XML_FROM_IO.rawValue), !refusedURLs.isEmpty { return }
    let rule = rule(for: error)
    // An expansion bomb is reported once per nesting level, innermost first; keep one
    // finding, at the outermost reference (the one in the document itself).
    if rule == XMLRules.entityExpansionLimit, let index = findings.firstIndex(where: { $0.ruleID == rule.id }) {
      findings[index].location = location
      return
    }
    // After a fatal error libxml2 often adds follow-on errors at the same spot; the first
    // one is the real problem.
    if error.level == XML_ERR_FATAL {
      guard !sawFatalError else { return }
      sawFatalError = true
    }
    add(rule.finding(at: location, ["detail": detail, "code": String(error.code)]))
  }

  /// The entity loader refused `url`; the parse continues without it.
  func recordRefusedLoad(_ url: String, at position: SourcePosition?) {
    guard refusedURLs.insert(url).inserted else { return }
    add(
      XMLRules.externalEntityBlocked.finding(
        at: SourceLocation(file: file, line: position?.line, column: position?.column),
        ["url": url, "what": purpose == .schema ? "network resource requested by the schema" : "external entity"]))
  }

  private func rule(for error: xmlError) -> Rule {
    let isWarning = error.level == XML_ERR_WARNING || error.level == XML_ERR_NONE
    if purpose == .schema { return isWarning ? XMLRules.xsdWarning : XMLRules.xsdUnusable }
    if isWarning { return XMLRules.warning }
    switch xmlErrorDomain(UInt32(error.domain)) {
    case XML_FROM_SCHEMASV:
      return XMLRules.schemaInvalid
    case XML_FROM_NAMESPACE:
      return XMLRules.namespaceError
    case XML_FROM_IO:
      return XMLRules.unreadable
    default:
      break
    }
    switch xmlParserErrors(UInt32(error.code)) {
    case XML_ERR_ENTITY_LOOP:
      return XMLRules.entityExpansionLimit
    case XML_ERR_INVALID_CHAR, XML_ERR_INVALID_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING:
      return XMLRules.invalidCharacter
    default:
      return XMLRules.notWellFormed
    }
  }

  /// libxml2 messages end with a newline and sometimes a period (the templates add their
  /// own), and some span lines; findings get one line.
  static func clean(_ message: String) -> String {
    var text = message.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    while text.last == "." { text.removeLast() }
    return text
  }
}
