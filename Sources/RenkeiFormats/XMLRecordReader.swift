internal import CLibXML2
import RenkeiCore

/// Reads the repeating elements of an XML file (the records of a data set, e.g. every
/// `facility` of `facilities/facility`) through libxml2's streaming xmlTextReader, so files of
/// any size are read in constant memory, with the same defences as the validator (no network, no
/// external entities). Each record is handed over as the text of its descendants by relative
/// path (`name`, `address/city`) and its attributes (`@id`, `address/@code`); repeated elements
/// are joined with `;`.
public struct XMLRecordReader: Sendable {
  public struct Record: Sendable {
    public var values: [String: String]
    /// The line where the record's element starts.
    public var line: Int
    /// 1-based among the records.
    public var number: Int
  }

  /// The file is not well-formed (or cannot be read): the records before the problem were read.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    public let findings: [Finding]
    public var description: String { findings.first.map { "\($0.location.compact): \($0.message)" } ?? "XML error" }
  }

  public let path: String
  /// `facilities/facility` (matches at any depth when it does not start with `/`; `/root/item`
  /// from the root only).
  public let recordPath: [String]
  public let anchored: Bool

  public init(path: String, recordPath: String) {
    self.path = path
    anchored = recordPath.hasPrefix("/")
    self.recordPath = recordPath.split(separator: "/").map(String.init)
  }

  public func read(_ body: (Record) throws -> Void) throws {
    let collector = XMLErrorCollector(purpose: .instance, file: path, maxFindings: 20)
    var thrown: Error?
    LibXML2.withCollector(collector) {
      guard let reader = xmlReaderForFile(path, nil, LibXML2.instanceOptions) else {
        collector.add(
          XMLRules.unreadable.finding(
            at: SourceLocation(file: path), ["detail": "libxml2 could not open it", "code": "0"]))
        return
      }
      defer { xmlFreeTextReader(reader) }
      xmlTextReaderSetStructuredErrorHandler(
        reader, LibXML2.collectError, Unmanaged.passUnretained(collector).toOpaque())
      var stack: [String] = []
      // The record being read: its depth in `stack`, values, start line.
      var recordDepth: Int?
      var values: [String: String] = [:]
      var line = 0
      var number = 0
      func name() -> String { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "" }
      func relative() -> String { stack[(recordDepth! + 1)...].joined(separator: "/") }
      func put(_ key: String, _ text: String) {
        if let existing = values[key], !existing.isEmpty {
          values[key] = existing + ";" + text
        } else {
          values[key] = text
        }
      }
      func matches() -> Bool {
        guard stack.count >= recordPath.count else { return false }
        if anchored && stack.count != recordPath.count { return false }
        return Array(stack.suffix(recordPath.count)) == recordPath
      }
      func endElement() {
        if let depth = recordDepth, stack.count - 1 == depth {
          number += 1
          do { try body(Record(values: values, line: line, number: number)) } catch { thrown = error }
          recordDepth = nil
          values = [:]
        }
        stack.removeLast()
      }
      var status = xmlTextReaderRead(reader)
      while status == 1 && thrown == nil {
        switch xmlReaderTypes(UInt32(xmlTextReaderNodeType(reader))) {
        case XML_READER_TYPE_ELEMENT:
          let empty = xmlTextReaderIsEmptyElement(reader) == 1
          stack.append(name())
          if recordDepth == nil && matches() {
            recordDepth = stack.count - 1
            line = Int(xmlTextReaderGetParserLineNumber(reader))
          }
          if recordDepth != nil {
            let prefix = relative()
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
              let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
              put((prefix.isEmpty ? "" : prefix + "/") + "@" + name(), value)
            }
            _ = xmlTextReaderMoveToElement(reader)
          }
          if empty { endElement() }
        case XML_READER_TYPE_END_ELEMENT:
          endElement()
        case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA:
          if recordDepth != nil, stack.count - 1 > recordDepth! {
            put(relative(), xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "")
          }
        default:
          break
        }
        status = xmlTextReaderRead(reader)
      }
      if status < 0 && !collector.hasErrors {
        collector.add(
          XMLRules.notWellFormed.finding(
            at: SourceLocation(file: path, line: Int(xmlTextReaderGetParserLineNumber(reader))),
            ["detail": "the parser stopped", "code": "0"]))
      }
    }
    if let thrown { throw thrown }
    let errors = collector.finalFindings.filter { $0.severity == .error }
    if !errors.isEmpty { throw ReadError(findings: errors) }
  }
}
