import RenkeiCore

/// The members of one GeoJSON object that RFC 7946 gives a meaning to, read in one pass over
/// the tape. Anything else is a foreign member (§6.1) and is left alone. Members are kept as
/// tape indices and names are matched on their bytes: this runs once per object of the input.
struct GeoJSONMembers {
  /// The members RFC 7946 defines.
  enum Name: String, CaseIterable {
    case type, coordinates, geometries, geometry, properties, features, bbox, id, crs
  }

  /// A GeoJSON member named more than once: its name and the tape entry of the repeated key.
  struct Repeat {
    let name: String
    let keyEntry: Int
  }

  private let document: JSONDocument
  /// Tape index of each member's value by `Name` order; -1 when absent.
  private var slots = (-1, -1, -1, -1, -1, -1, -1, -1, -1)
  private(set) var repeats: [Repeat] = []

  /// When a name repeats, the last value counts: that is what JavaScript's JSON.parse and
  /// Python's json module, the usual GeoJSON readers, keep (and what geojsonhint checks).
  init(_ object: JSONValue) {
    document = object.document
    let tape = document.tape
    guard tape[object.index].tag == .object else { return }
    var key = object.index + 1
    let end = Int(tape[object.index].extent)
    while key < end {
      let value = key + 1
      if let name = GeoJSONMembers.name(ofKey: key, in: document) {
        if self[name] >= 0 { repeats.append(Repeat(name: name.rawValue, keyEntry: key)) }
        self[name] = value
      }
      key = tape[value].isContainer ? Int(tape[value].extent) : value + 1
    }
  }

  private subscript(name: Name) -> Int {
    get {
      switch name {
      case .type: return slots.0
      case .coordinates: return slots.1
      case .geometries: return slots.2
      case .geometry: return slots.3
      case .properties: return slots.4
      case .features: return slots.5
      case .bbox: return slots.6
      case .id: return slots.7
      case .crs: return slots.8
      }
    }
    set {
      switch name {
      case .type: slots.0 = newValue
      case .coordinates: slots.1 = newValue
      case .geometries: slots.2 = newValue
      case .geometry: slots.3 = newValue
      case .properties: slots.4 = newValue
      case .features: slots.5 = newValue
      case .bbox: slots.6 = newValue
      case .id: slots.7 = newValue
      case .crs: slots.8 = newValue
      }
    }
  }

  /// The value of member `name`, if present.
  func value(_ name: Name) -> JSONValue? {
    let index = self[name]
    return index < 0 ? nil : JSONValue(document: document, index: index)
  }

  var type: JSONValue? { value(.type) }
  var coordinates: JSONValue? { value(.coordinates) }
  var geometries: JSONValue? { value(.geometries) }
  var geometry: JSONValue? { value(.geometry) }
  var properties: JSONValue? { value(.properties) }
  var features: JSONValue? { value(.features) }
  var bbox: JSONValue? { value(.bbox) }
  var id: JSONValue? { value(.id) }
  var crs: JSONValue? { value(.crs) }

  /// The GeoJSON member a key names, compared byte for byte (escaped keys are decoded first).
  private static func name(ofKey key: Int, in document: JSONDocument) -> Name? {
    let entry = document.tape[key]
    if entry.flags.contains(.escaped) { return Name(rawValue: document.decodedString(ofEntry: key)) }
    // "id" is the shortest name, "coordinates" the longest.
    guard entry.extent >= 2 && entry.extent <= 11 else { return nil }
    let start = Int(entry.offset)
    let length = Int(entry.extent)
    return document.storage.withUnsafeBufferPointer { bytes -> Name? in
      // Spelled out rather than looped over a static table, whose arrays every thread retained.
      func isNamed(_ name: StaticString) -> Bool {
        name.utf8CodeUnitCount == length && memcmp(bytes.baseAddress! + start, name.utf8Start, length) == 0
      }
      if isNamed("type") { return .type }
      if isNamed("coordinates") { return .coordinates }
      if isNamed("geometries") { return .geometries }
      if isNamed("geometry") { return .geometry }
      if isNamed("properties") { return .properties }
      if isNamed("features") { return .features }
      if isNamed("bbox") { return .bbox }
      if isNamed("id") { return .id }
      if isNamed("crs") { return .crs }
      return nil
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
