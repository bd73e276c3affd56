/// Builds a `JSONDocument` value by value, for readers of other syntaxes (YAML) and for
/// producers (reports, converters). Strings are stored decoded; numbers must be JSON lexemes.
public struct JSONBuilder: Sendable {
  public enum BuildError: Error, Sendable, Equatable {
    case invalidNumber(String)
    case unbalanced
  }

  private var storage: [UInt8] = []
  private var tape: [TapeEntry] = []
  private var positions: [SourcePosition] = []
  private var open: [Int] = []

  public init() {}

  /// Tape entries so far (an alias can copy `from..<entryCount` again).
  public var entryCount: Int { tape.count }
  /// How deep the builder is now.
  public var depth: Int { open.count }

  private mutating func append(
    _ tag: TapeEntry.Tag, bytes: some Collection<UInt8> = EmptyCollection(), at position: SourcePosition?,
    flags: TapeEntry.Flags = []
  ) {
    let offset = storage.count
    storage.append(contentsOf: bytes)
    tape.append(TapeEntry(tag: tag, offset: UInt32(offset), extent: UInt32(bytes.count), flags: flags))
    positions.append(position ?? SourcePosition(line: 0, column: 0))
  }

  public mutating func null(at position: SourcePosition? = nil) { append(.null, at: position) }
  public mutating func bool(_ value: Bool, at position: SourcePosition? = nil) {
    append(value ? .true : .false, at: position)
  }
  public mutating func string(_ value: String, at position: SourcePosition? = nil) {
    append(.string, bytes: Array(value.utf8), at: position)
  }
  /// An object member name; the member's value follows.
  public mutating func key(_ name: String, at position: SourcePosition? = nil) {
    string(name, at: position)
  }

  /// A number given as its JSON lexeme (e.g. "12", "-0.5", "1e10").
  public mutating func number(_ lexeme: String, at position: SourcePosition? = nil) throws(BuildError) {
    guard let flags = JSONBuilder.numberFlags(lexeme) else { throw .invalidNumber(lexeme) }
    append(.number, bytes: Array(lexeme.utf8), at: position, flags: flags)
  }

  public mutating func number(_ value: Int, at position: SourcePosition? = nil) {
    append(.number, bytes: Array(String(value).utf8), at: position)
  }

  public mutating func beginArray(at position: SourcePosition? = nil) {
    open.append(tape.count)
    append(.array, at: position)
  }

  public mutating func beginObject(at position: SourcePosition? = nil) {
    open.append(tape.count)
    append(.object, at: position)
  }

  /// Closes the innermost array or object.
  public mutating func end() throws(BuildError) {
    guard let start = open.popLast() else { throw .unbalanced }
    var children: UInt32 = 0
    var i = start + 1
    while i < tape.count {
      i = tape[i].isContainer ? Int(tape[i].extent) : i + 1
      children += 1
    }
    tape[start].extent = UInt32(tape.count)
    tape[start].count = tape[start].tag == .object ? children / 2 : children
  }

  /// Appends a copy of the complete value that starts at tape index `index` (YAML aliases).
  /// Returns the number of entries copied.
  @discardableResult
  public mutating func appendCopy(ofValueAt index: Int) -> Int {
    let end = tape[index].isContainer ? Int(tape[index].extent) : index + 1
    let shift = tape.count - index
    for k in index..<end {
      var entry = tape[k]
      if entry.isContainer { entry.extent = UInt32(Int(entry.extent) + shift) }
      tape.append(entry)
      positions.append(positions[k])
    }
    return end - index
  }

  /// The finished document; nil unless exactly one complete value was built.
  public func build(firstLine: Int = 1) -> JSONDocument? {
    guard open.isEmpty, !tape.isEmpty else { return nil }
    let rootEnd = tape[0].isContainer ? Int(tape[0].extent) : 1
    guard rootEnd == tape.count else { return nil }
    return JSONDocument(
      storage: storage, tape: tape, positions: positions, firstLine: firstLine,
      rawStringsAreJSON: false)
  }

  /// Flags for a valid JSON number lexeme, or nil.
  static func numberFlags(_ lexeme: String) -> TapeEntry.Flags? {
    guard let result = try? JSONParser().parse(lexeme),
      let entry = result.document.tape.first, entry.tag == .number
    else { return nil }
    return entry.flags
  }
}
