internal import CLibYAML
import RenkeiCore

/// Reads YAML 1.2 streams into JSON documents, with line:column for every value.
///
/// libyaml (its event parser, no composer) does the syntax; `YAMLComposer` builds the tape.
/// Bad input never throws: it becomes findings. How YAML maps onto JSON:
/// - Untagged plain scalars resolve by the core schema (null, bool, int, float, else string);
///   quoted and block scalars are strings. Numbers become valid JSON lexemes (`+1` is `1`,
///   `.5` is `0.5`, `0x1F` is `31`, exactly for any size); `.inf` and `.nan` are errors.
/// - The core tags `!!str !!int !!float !!bool !!null !!seq !!map` are honoured (content that
///   does not fit is an error); any other tag is ignored with a warning, the node read as if
///   untagged, because its meaning is application-specific and JSON has no place for it.
/// - Mapping keys become member names from their scalar text (`1:` is "1"); collections as
///   keys are errors and the member is left out; duplicates are kept, with a warning.
/// - Aliases copy the anchored value, within a budget per document, so that a "billion
///   laughs" stream is rejected after a bounded amount of work instead of exhausting memory.
///   Merge keys (`<<`, YAML 1.1) are not applied: `<<` is an ordinary key.
public struct YAMLReader: Sendable {
  /// Alias expansion may add at most this many tape entries (values and member names) to one
  /// document, and at most `expansionPerInputByte` per byte of input (but always
  /// `minimumExpansion`), whichever is smaller.
  public var maxAliasExpansion: Int
  /// Containers nested deeper than this are a fatal error (consumers may recurse over values).
  public var maxDepth: Int
  /// Larger inputs are refused up front (tape offsets are 32-bit).
  public var maxInputBytes: Int

  public static let expansionPerInputByte = 64
  public static let minimumExpansion = 65_536

  public init(maxAliasExpansion: Int = 1_000_000, maxDepth: Int = 512, maxInputBytes: Int = 1 << 30) {
    self.maxAliasExpansion = maxAliasExpansion
    self.maxDepth = maxDepth
    self.maxInputBytes = maxInputBytes
  }

  /// The alias expansion budget per document for an input of `byteCount` bytes.
  public func expansionBudget(forInputOf byteCount: Int) -> Int {
    let relative = byteCount.multipliedReportingOverflow(by: YAMLReader.expansionPerInputByte)
    let scaled = relative.overflow ? Int.max : relative.partialValue
    return min(maxAliasExpansion, max(YAMLReader.minimumExpansion, scaled))
  }

  /// Reads a YAML stream (UTF-8, or UTF-16 with a byte order mark).
  public func read(_ bytes: [UInt8], file: String? = nil) -> YAMLReadResult {
    var composer = YAMLComposer(
      file: file,
      limits: .init(maxDepth: maxDepth, maxExpansion: expansionBudget(forInputOf: bytes.count)))
    guard bytes.count <= maxInputBytes else {
      composer.fail(YAMLRules.tooLarge, ["limit": String(maxInputBytes)], at: nil)
      return YAMLReadResult(documents: [], findings: composer.findings)
    }
    // An empty stream has no documents (libyaml also insists on a non-null input pointer).
    guard !bytes.isEmpty else { return YAMLReadResult(documents: [], findings: []) }

    // libyaml's parser points into itself, so it lives at a fixed address.
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) != 0 else {
      composer.fail(YAMLRules.syntax, ["problem": "libyaml could not allocate its parser", "context": ""], at: nil)
      return YAMLReadResult(documents: [], findings: composer.findings)
    }
    defer { yaml_parser_delete(parser) }

    bytes.withUnsafeBufferPointer { buffer in
      yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
      var event = yaml_event_t()
      while !composer.stopped {
        guard yaml_parser_parse(parser, &event) != 0 else {
          YAMLReader.reportError(of: parser, in: buffer, to: &composer)
          break
        }
        let converted = YAMLReader.convert(event)
        yaml_event_delete(&event)
        composer.handle(converted)
        if converted == .streamEnd { break }
      }
    }
    return YAMLReadResult(documents: composer.documents, findings: composer.findings)
  }

  /// Reads YAML text (convenience for tests and small inputs).
  public func read(_ text: String, file: String? = nil) -> YAMLReadResult {
    read(Array(text.utf8), file: file)
  }

  // MARK: - libyaml

  /// libyaml marks are 0-based and count characters, so columns are Unicode scalars.
  static func position(_ mark: yaml_mark_t) -> SourcePosition {
    SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  static func convert(_ event: yaml_event_t) -> YAMLEvent {
    let position = position(event.start_mark)
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return .streamStart
    case YAML_DOCUMENT_START_EVENT:
      return .documentStart(position)
    case YAML_DOCUMENT_END_EVENT:
      return .documentEnd
    case YAML_ALIAS_EVENT:
      return .alias(string(event.data.alias.anchor) ?? "", position)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
      return .scalar(
        YAMLEvent.Scalar(
          text: text,
          properties: .init(anchor: string(scalar.anchor), tag: string(scalar.tag), position: position),
          isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE))
    case YAML_SEQUENCE_START_EVENT:
      let start = event.data.sequence_start
      return .sequenceStart(.init(anchor: string(start.anchor), tag: string(start.tag), position: position))
    case YAML_SEQUENCE_END_EVENT:
      return .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let start = event.data.mapping_start
      return .mappingStart(.init(anchor: string(start.anchor), tag: string(start.tag), position: position))
    case YAML_MAPPING_END_EVENT:
      return .mappingEnd
    default:
      // YAML_NO_EVENT and YAML_STREAM_END_EVENT.
      return .streamEnd
    }
  }

  static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// Turns libyaml's error state into the fatal finding that ends the read.
  static func reportError(
    of parser: UnsafeMutablePointer<yaml_parser_t>, in input: UnsafeBufferPointer<UInt8>,
    to composer: inout YAMLComposer
  ) {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "libyaml stopped without saying why"
    switch state.error {
    case YAML_READER_ERROR:
      // Reader errors have a byte offset instead of a mark; positions are only known for UTF-8.
      let position = state.encoding == YAML_UTF8_ENCODING ? bytePosition(Int(state.problem_offset), in: input) : nil
      if problem.hasPrefix("control characters") || problem.hasPrefix("invalid Unicode character") {
        composer.fail(
          YAMLRules.forbiddenCharacter,
          ["character": "U+" + hex(Int(state.problem_value), digits: 4), "problem": problem], at: position)
      } else {
        let encoding =
          state.encoding == YAML_UTF16LE_ENCODING
          ? "UTF-16LE" : state.encoding == YAML_UTF16BE_ENCODING ? "UTF-16BE" : "UTF-8"
        composer.fail(
          YAMLRules.invalidEncoding,
          ["encoding": encoding, "problem": problem, "byte": "0x" + hex(Int(state.problem_value), digits: 2)],
          at: position)
      }
    default:
      var context = ""
      if let text = state.context.map({ String(cString: $0) }) {
        let mark = position(state.context_mark)
        context = " (\(text) at line \(mark.line), column \(mark.column))"
      }
      let position = state.error == YAML_MEMORY_ERROR ? nil : position(state.problem_mark)
      composer.fail(YAMLRules.syntax, ["problem": problem, "context": context], at: position)
    }
  }

  /// Line:column of a byte offset, counting line breaks as libyaml does (LF, CR, CRLF) and
  /// columns in Unicode scalars; a leading byte order mark is not a column.
  static func bytePosition(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
    let stop = min(offset, bytes.count)
    var line = 1
    var column = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < stop {
      let byte = bytes[i]
      let isReturn = byte == UInt8(ascii: "\r")
      let endsLine =
        byte == UInt8(ascii: "\n") || (isReturn && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n")))
      if endsLine {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 && !isReturn {
        // Continuation bytes (10xxxxxx) are part of the scalar before them.
        column += 1
      }
      i += 1
    }
    return SourcePosition(line: line, column: column)
  }

  static func hex(_ value: Int, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
