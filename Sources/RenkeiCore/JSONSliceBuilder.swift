/// Assembles a document from pieces of another one without copying its text or decoding its
/// values: the new tape's strings and numbers point into the source's storage, which the new
/// document shares. For projections that only pick and rearrange values (an entity's key-values
/// form), where building the values again would cost more than using them.
public struct JSONSliceBuilder {
  private let source: JSONDocument
  private var tape: [TapeEntry] = []
  /// For built sources (YAML), which carry a position per entry.
  private var positions: [SourcePosition]?
  /// The objects begun and not yet ended (tape indices).
  private var open: [Int] = []

  public init(source: JSONDocument) {
    self.source = source
    positions = source.positions == nil ? nil : []
    tape.reserveCapacity(source.tape.count)
  }

  /// Begins an object located where `origin` is.
  public mutating func beginObject(origin: JSONValue) {
    open.append(tape.count)
    tape.append(TapeEntry(tag: .object, offset: source.tape[origin.index].offset))
    positions?.append(source.position(ofEntry: origin.index))
  }

  /// Adds a member name to the innermost object: `key` is a member name of the source.
  public mutating func key(_ key: JSONValue) {
    tape[open[open.count - 1]].count += 1
    append(key.index)
  }

  /// Adds a whole value of the source (after its `key`).
  public mutating func copy(_ value: JSONValue) {
    let entry = source.tape[value.index]
    let end = entry.isContainer ? Int(entry.extent) : value.index + 1
    for index in value.index..<end { append(index) }
  }

  /// Ends the innermost object.
  public mutating func end() {
    let index = open.removeLast()
    tape[index].extent = UInt32(tape.count)
  }

  /// The document (nil while an object is still open).
  public func build() -> JSONDocument? {
    guard open.isEmpty, !tape.isEmpty else { return nil }
    return JSONDocument(
      storage: source.storage, tape: tape, positions: positions, firstLine: source.firstLine,
      rawStringsAreJSON: source.rawStringsAreJSON)
  }

  /// Copies source entry `index`; a container's end moves with it.
  private mutating func append(_ index: Int) {
    var entry = source.tape[index]
    if entry.isContainer { entry.extent = UInt32(Int(entry.extent) - index + tape.count) }
    tape.append(entry)
    positions?.append(source.positions![index])
  }
}
