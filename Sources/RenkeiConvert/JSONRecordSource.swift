import RenkeiCore

/// Records from a JSON document (the array at `--records`, by default the document itself when
/// it is an array, or a GeoJSON FeatureCollection's features) or from JSON Lines (one record per
/// line, or the array at `--records` in each line). A record is either plain data, whose
/// columns are its members (or the mapping column's `path`), or an entity of the mapping's type
/// in any NGSI representation or as a GeoJSON Feature, whose columns are found where the mapping
/// put them (`EntityInversion`) — so entities convert back to the standard CSV, or to another
/// representation.
public struct JSONRecordSource: RecordSource {
  public let path: String
  public let lines: Bool
  public let records: JSONPointer?
  public let mapping: Mapping
  public var file: String? { path }
  /// Records per block handed to the runner.
  public var blockSize = 8192

  public init(path: String, lines: Bool, records: JSONPointer?, mapping: Mapping) {
    self.path = path
    self.lines = lines
    self.records = records
    self.mapping = mapping
  }

  public func read(start: ([String], [Finding]) throws -> Void, _ body: (any RecordBlock) throws -> Void) throws {
    let extractor = Extractor(mapping: mapping)
    try start(mapping.columns.map(\.name), [])
    var pending: [MemoryRecordBlock.Record] = []
    func flush(force: Bool) throws {
      if pending.count >= blockSize || (force && !pending.isEmpty) {
        try body(MemoryRecordBlock(records: pending))
        pending.removeAll(keepingCapacity: true)
      }
    }
    var number = 0
    func add(_ value: JSONValue, line: Int?, document: Int?) {
      number += 1
      var location = SourceLocation(
        file: path, line: line ?? value.position.line, pointer: value.pointer.description, document: document,
        row: number)
      if value.kind != .object {
        location.field = nil
        pending.append(
          .init(
            cells: [], location: location,
            notes: [
              ConvertRules.recordNotObject.finding(at: location, ["row": String(number), "kind": "\(value.kind)"])
            ]
          ))
        return
      }
      pending.append(.init(cells: extractor.cells(value), location: location))
    }
    if lines {
      try JSONLinesReader().forEachChunk(inFileAt: path) { chunk in
        for line in chunk.lines where line.end > line.start {
          let bytes = Array(chunk.bytes[line.start..<line.end])
          if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
          let parsed = try JSONParser(options: .init(firstLine: line.number)).parse(bytes)
          for value in try recordValues(parsed.document.root) { add(value, line: line.number, document: line.number) }
          try flush(force: false)
        }
      }
    } else {
      let parsed = try JSONParser().parse(try FileBytes.read(path))
      for value in try recordValues(parsed.document.root) {
        add(value, line: nil, document: nil)
        try flush(force: false)
      }
    }
    try flush(force: true)
  }

  public struct RecordsNotFound: Error, CustomStringConvertible {
    public let pointer: String
    public let file: String
    public var description: String { "\(file): --records \(pointer) does not point at an array of records" }
  }

  private func recordValues(_ root: JSONValue) throws -> [JSONValue] {
    if let records {
      guard let found = records.resolve(in: root) else {
        throw RecordsNotFound(pointer: records.description, file: path)
      }
      return found.kind == .array ? found.elements : [found]
    }
    if root.kind == .array { return root.elements }
    if root["type"]?.string == "FeatureCollection", let features = root["features"], features.kind == .array {
      return features.elements
    }
    return [root]
  }

  /// Finds a record's cells: by the inverted mapping in entities, else by name (or `path`).
  struct Extractor {
    let entityType: String
    let entityPaths: [[String]?]
    let plainPaths: [[String]]

    init(mapping: Mapping) {
      entityType = mapping.entityType
      entityPaths = EntityInversion(mapping: mapping).paths
      plainPaths = mapping.columns.map { column in
        guard let path = column.path else { return [column.name] }
        if path.hasPrefix("/"), let pointer = JSONPointer(path) { return pointer.tokens }
        return path.split(separator: "/").map(String.init)
      }
    }

    func cells(_ record: JSONValue) -> [String] {
      let isFeature = record["type"]?.string == "Feature"
      let typeName = isFeature ? record["properties"]?["type"]?.string : record["type"]?.string
      if typeName == entityType {
        return entityPaths.map { path in path.flatMap { Self.text(Self.resolve($0[...], in: record)) } ?? "" }
      }
      let base = isFeature ? (record["properties"] ?? record) : record
      return plainPaths.map { Self.text(Self.resolve($0[...], in: base)) ?? "" }
    }

    /// Follows `path`, looking through NGSI wrappers (`value`, `object`), a Feature's
    /// `properties`, and its `geometry` for a geometry attribute.
    static func resolve(_ path: ArraySlice<String>, in value: JSONValue) -> JSONValue? {
      guard let token = path.first else { return unwrap(value) }
      switch value.kind {
      case .object:
        if let member = value[token] { return resolve(path.dropFirst(), in: member) }
        if let inner = value["value"] ?? value["object"] { return resolve(path, in: inner) }
        if let properties = value["properties"], value["type"]?.string == "Feature" {
          if let found = resolve(path, in: properties) { return found }
          if path.count > 1, let geometry = value["geometry"] { return resolve(path.dropFirst(), in: geometry) }
        }
        return nil
      case .array:
        guard let index = Int(token), let element = value[index] else { return nil }
        return resolve(path.dropFirst(), in: element)
      default:
        return nil
      }
    }

    /// An NGSI attribute's value (`{"type": "Property", "value": …}`, `{"value": …}`).
    static func unwrap(_ value: JSONValue) -> JSONValue {
      guard value.kind == .object else { return value }
      if let inner = value["value"] ?? value["object"] { return inner }
      return value
    }

    static func text(_ value: JSONValue?) -> String? {
      guard let value else { return nil }
      switch value.kind {
      case .string: return value.string
      case .number: return value.number?.lexeme
      case .bool: return value.bool == true ? "true" : "false"
      case .null: return nil
      case .array:
        if value.elements.allSatisfy({ $0.kind == .string || $0.kind == .number }) {
          return value.elements.compactMap { text($0) }.joined(separator: ";")
        }
        return JSONWriter().string(value)
      default: return JSONWriter().string(value)
      }
    }
  }
}
