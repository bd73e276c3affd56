import RenkeiCore

/// Checks the "coordinates" member of one geometry (RFC 7946 §3.1.1–§3.1.7): the nesting its
/// type requires, positions of two or three numbers in WGS 84 longitude/latitude, LineStrings
/// of two or more positions, closed linear rings of four or more positions and their winding.
/// The nesting depth is fixed by the type, so nothing here recurses over the input. Values are
/// read as tape indices: GeoJSON is mostly coordinates, and a `JSONValue` per number would
/// retain and release the document millions of times.
struct GeoJSONCoordinates {
  let type: GeoJSONType
  /// The geometry's index in the walk's node table.
  let node: Int
  private let document: JSONDocument
  private let tape: [TapeEntry]
  /// Fewest and most elements of the well-formed positions seen (for the bbox check).
  private(set) var minDimension = Int.max
  private(set) var maxDimension = 0

  init(type: GeoJSONType, node: Int, document: JSONDocument) {
    self.type = type
    self.node = node
    self.document = document
    self.tape = document.tape
  }

  /// Where a value sits below "coordinates": up to four array indices (a MultiPolygon's
  /// polygon, ring, position and element).
  struct Trail {
    private var indices: (Int, Int, Int, Int) = (0, 0, 0, 0)
    private var depth = 0

    func appending(_ index: Int) -> Trail {
      var copy = self
      switch depth {
      case 0: copy.indices.0 = index
      case 1: copy.indices.1 = index
      case 2: copy.indices.2 = index
      case 3: copy.indices.3 = index
      default: return copy  // Coordinates never nest deeper; kept total rather than trapping.
      }
      copy.depth = depth + 1
      return copy
    }

    var tokens: [GeoJSONPathToken] {
      let all = [indices.0, indices.1, indices.2, indices.3]
      return [.key("coordinates")] + all.prefix(depth).map { .index($0) }
    }
  }

  /// What one position turned out to be.
  private struct Position {
    var x: Double
    var y: Double
  }

  /// The elements of an array on the tape, as (position in the array, tape index).
  private struct Elements: Sequence, IteratorProtocol {
    let tape: [TapeEntry]
    var index: Int
    let end: Int
    var position = 0

    init(_ tape: [TapeEntry], of array: Int) {
      self.tape = tape
      index = array + 1
      end = tape[array].tag == .array ? Int(tape[array].extent) : array + 1
    }

    mutating func next() -> (position: Int, index: Int)? {
      guard index < end else { return nil }
      let current = (position, index)
      index = tape[index].isContainer ? Int(tape[index].extent) : index + 1
      position += 1
      return current
    }
  }

  private func value(_ index: Int) -> JSONValue { JSONValue(document: document, index: index) }
  private func count(_ index: Int) -> Int { tape[index].isContainer ? Int(tape[index].count) : 0 }

  mutating func check(_ coordinates: JSONValue, sink: inout GeoJSONFindingSink) {
    let top = Trail()
    let root = coordinates.index
    // §3.1: "GeoJSON processors MAY interpret Geometry objects with empty "coordinates" arrays
    // as null objects": an empty array is allowed for every type.
    guard count(root) > 0 else { return }
    switch type {
    case .point:
      _ = position(root, at: top, sink: &sink)
    case .multiPoint:
      _ = positions(root, at: top, sink: &sink)
    case .lineString:
      lineString(root, at: top, sink: &sink)
    case .multiLineString:
      let lines = arrays(root, at: top, expected: "a LineString coordinate array (an array of positions)", &sink)
      for (number, line) in lines.elements { lineString(line, at: top.appending(number), sink: &sink) }
    case .polygon:
      polygon(root, at: top, sink: &sink)
    case .multiPolygon:
      let polygons = arrays(root, at: top, expected: "a Polygon coordinate array (an array of linear rings)", &sink)
      for (number, rings) in polygons.elements { polygon(rings, at: top.appending(number), sink: &sink) }
    case .feature, .featureCollection, .geometryCollection:
      break
    }
  }

  // MARK: - Nesting

  /// The elements of `container` that are arrays. A scalar or object where an array belongs is
  /// reported once for the whole container (its first such element); `wellFormed` says whether
  /// there was one.
  private func arrays(
    _ container: Int, at trail: Trail, expected: String, _ sink: inout GeoJSONFindingSink
  ) -> (elements: [(Int, Int)], wellFormed: Bool) {
    var elements: [(Int, Int)] = []
    var wellFormed = true
    for (number, element) in Elements(tape, of: container) {
      if tape[element].tag == .array {
        elements.append((number, element))
      } else if wellFormed {
        wellFormed = false
        reportShape(element, at: trail.appending(number), expected: expected, &sink)
      }
    }
    return (elements, wellFormed)
  }

  private func reportShape(_ element: Int, at trail: Trail, expected: String, _ sink: inout GeoJSONFindingSink) {
    sink.report(
      GeoJSONRules.coordinatesShape, entry: element, node: node, path: trail.tokens, clause: type.clause,
      [
        "found": GeoJSONWalk.describe(value(element)), "expected": expected, "type": type.rawValue,
        "shape": type.coordinatesShape,
      ])
  }

  // MARK: - Positions

  /// Checks one position (§3.1.1); nil when it is not two or more numbers.
  private mutating func position(_ array: Int, at trail: Trail, sink: inout GeoJSONFindingSink) -> Position? {
    var x = 0.0
    var y = 0.0
    var numbers = true
    for (number, element) in Elements(tape, of: array) {
      let entry = tape[element]
      guard entry.tag == .number else {
        if numbers {
          numbers = false
          sink.report(
            GeoJSONRules.positionNotNumber, entry: element, node: node, path: trail.appending(number).tokens,
            ["index": String(number), "found": GeoJSONWalk.describe(value(element))])
        }
        continue
      }
      if number == 0 {
        x = GeoJSONNumber.double(entry, in: document)
      } else if number == 1 {
        y = GeoJSONNumber.double(entry, in: document)
      }
    }
    let count = count(array)
    if count < 2 {
      sink.report(
        GeoJSONRules.positionArity, entry: array, node: node, path: trail.tokens, ["count": String(count)])
      return nil
    }
    if count > 3 {
      sink.report(
        GeoJSONRules.positionExtended, entry: array, node: node, path: trail.tokens, ["count": String(count)])
    }
    guard numbers else { return nil }
    minDimension = min(minDimension, count)
    maxDimension = max(maxDimension, count)
    if !(-180...180).contains(x) || !(-90...90).contains(y) {
      sink.report(
        GeoJSONRules.coordinateRange, entry: array, node: node, path: trail.tokens,
        GeoJSONCoordinates.rangeArguments(value(array), x: x, y: y))
    }
    return Position(x: x, y: y)
  }

  /// Checks an array of positions; calls `each` with every well-formed one. False when an
  /// element is not a position or a position is malformed.
  @discardableResult
  private mutating func positions(
    _ array: Int, at trail: Trail, sink: inout GeoJSONFindingSink, _ each: (Position) -> Void = { _ in }
  ) -> Bool {
    var wellFormed = true
    var shaped = true
    for (number, element) in Elements(tape, of: array) {
      guard tape[element].tag == .array else {
        if shaped {
          shaped = false
          reportShape(element, at: trail.appending(number), expected: "a position (an array of numbers)", &sink)
        }
        continue
      }
      if let position = position(element, at: trail.appending(number), sink: &sink) {
        each(position)
      } else {
        wellFormed = false
      }
    }
    return shaped && wellFormed
  }

  /// The numbers of a position as written, e.g. "35.6, 139.7"; at most four, so a hostile
  /// position cannot make a message huge.
  static func lexemes(_ position: JSONValue) -> String {
    var parts: [String] = []
    position.forEachElement { index, element in
      guard index < 4 else { return }
      parts.append(element.number.map { GeoJSONWalk.shortened($0.lexeme) } ?? GeoJSONWalk.describe(element))
    }
    if position.count > 4 { parts.append("…") }
    return parts.joined(separator: ", ")
  }

  /// Arguments of a coordinate-range finding, naming the likely cause: latitude and longitude
  /// swapped (in Japan, [35.6, 139.7] for Tokyo) or projected coordinates in metres.
  static func rangeArguments(_ position: JSONValue, x: Double, y: Double) -> [String: String] {
    let xText = position[0]?.number.map { GeoJSONWalk.shortened($0.lexeme) } ?? String(x)
    let yText = position[1]?.number.map { GeoJSONWalk.shortened($0.lexeme) } ?? String(y)
    var problems: [String] = []
    if !(-180...180).contains(x) { problems.append("longitude \(xText) is outside -180..180") }
    if !(-90...90).contains(y) { problems.append("latitude \(yText) is outside -90..90") }
    var problem = problems.joined(separator: " and ")
    // Japan spans latitude 20.4 (Okinotorishima) to 45.6 and longitude 122.9 (Yonaguni) to 154.0
    // (Minamitorishima).
    if (20...46).contains(x) && (122...154).contains(y) {
      problem +=
        "; [\(xText), \(yText)] reads as latitude, longitude of a place in Japan: the values look swapped"
    } else if abs(x) <= 90 && abs(y) <= 180 {
      problem += "; the values may be in latitude, longitude order (swapped)"
    } else if abs(x) > 360 || abs(y) > 180 {
      problem += "; the values look like projected coordinates (e.g. metres), not degrees"
    }
    return ["position": lexemes(position), "problem": problem]
  }

  // MARK: - Lines and rings

  private mutating func lineString(_ array: Int, at trail: Trail, sink: inout GeoJSONFindingSink) {
    guard positions(array, at: trail, sink: &sink) else { return }
    let count = count(array)
    if count < 2 {
      sink.report(
        GeoJSONRules.lineStringTooShort, entry: array, node: node, path: trail.tokens,
        clause: type == .lineString ? "3.1.4" : "3.1.5", ["count": String(count)])
    }
  }

  /// A polygon's rings; within a MultiPolygon an empty polygon is passed over like an empty
  /// "coordinates" (§3.1).
  private mutating func polygon(_ array: Int, at trail: Trail, sink: inout GeoJSONFindingSink) {
    let rings = arrays(array, at: trail, expected: "a linear ring (an array of positions)", &sink)
    for (number, ring) in rings.elements {
      linearRing(ring, exterior: number == 0, number: number, at: trail.appending(number), sink: &sink)
    }
  }

  /// §3.1.6: four or more positions, the first and last identical, exterior rings
  /// counterclockwise and holes clockwise.
  private mutating func linearRing(
    _ ring: Int, exterior: Bool, number: Int, at trail: Trail, sink: inout GeoJSONFindingSink
  ) {
    // Twice the signed area (shoelace), relative to the first vertex to limit rounding.
    var origin: Position?
    var previous = Position(x: 0, y: 0)
    var area = 0.0
    let wellFormed = positions(ring, at: trail, sink: &sink) { position in
      guard let first = origin else {
        origin = position
        return
      }
      let current = Position(x: position.x - first.x, y: position.y - first.y)
      area += previous.x * current.y - current.x * previous.y
      previous = current
    }
    guard wellFormed else { return }
    let count = count(ring)
    if count < 4 {
      sink.report(GeoJSONRules.ringTooShort, entry: ring, node: node, path: trail.tokens, ["count": String(count)])
    }
    guard count >= 2 else { return }
    var last = ring + 1
    for (_, element) in Elements(tape, of: ring) { last = element }
    guard identical(ring + 1, last) else {
      sink.report(
        GeoJSONRules.ringNotClosed, entry: last, node: node, path: trail.appending(count - 1).tokens,
        ["first": GeoJSONCoordinates.lexemes(value(ring + 1)), "last": GeoJSONCoordinates.lexemes(value(last))])
      return
    }
    // A degenerate ring (no area) has no orientation to judge.
    guard count >= 4, area.isFinite, area != 0 else { return }
    let counterclockwise = area > 0
    if counterclockwise != exterior {
      sink.report(
        GeoJSONRules.rightHandRule, entry: ring, node: node, path: trail.tokens,
        [
          "ring": exterior ? "exterior ring" : "interior ring \(number) (a hole)",
          "found": counterclockwise ? "counterclockwise" : "clockwise",
          "expected": exterior ? "counterclockwise" : "clockwise",
        ])
    }
  }

  /// §3.1.6: the first and last positions "MUST contain identical values" (100 and 100.0 are
  /// the same value; lexemes that differ beyond a Double's precision count as the same). Both
  /// are well-formed positions of numbers.
  private func identical(_ a: Int, _ b: Int) -> Bool {
    guard count(a) == count(b) else { return false }
    var right = Elements(tape, of: b)
    for (_, left) in Elements(tape, of: a) {
      guard let other = right.next()?.index,
        GeoJSONNumber.double(tape[left], in: document) == GeoJSONNumber.double(tape[other], in: document)
      else { return false }
    }
    return true
  }
}

extension GeoJSONRules {
  public static let coordinatesShape = rule(
    "geojson-coordinates-shape", .error, "3.1",
    "Found {found} where {expected} was expected in the coordinates of this {type}.",
    fix: "The \"coordinates\" of a {type} are {shape}; a number here usually means a missing level of brackets.")
  public static let positionNotNumber = rule(
    "geojson-position-not-number", .error, "3.1.1",
    "A position holds only numbers, but its element {index} is {found}.",
    fix:
      "Write positions as [longitude, latitude] or [longitude, latitude, altitude] with JSON numbers, not strings; an array here means one level of brackets too many."
  )
  public static let positionArity = rule(
    "geojson-position-arity", .error, "3.1.1",
    "A position needs two or more numbers (longitude, latitude); this one has {count}.",
    fix: "Write the position as [longitude, latitude] or [longitude, latitude, altitude].")
  public static let positionExtended = rule(
    "geojson-position-extended", .warning, "3.1.1",
    "This position has {count} elements; positions should not go beyond three (longitude, latitude, altitude).",
    fix: "Keep longitude, latitude and altitude; move other values (time, measures) into \"properties\".")
  public static let lineStringTooShort = rule(
    "geojson-linestring-too-short", .error, "3.1.4",
    "A LineString needs two or more positions; this one has {count}.",
    fix: "Add the missing positions, or write a single position as a Point.")
  public static let ringTooShort = rule(
    "geojson-ring-too-short", .error, "3.1.6",
    "A linear ring needs four or more positions (the last repeating the first); this one has {count}.",
    fix: "A triangle is written with four positions: [a, b, c, a].")
  public static let ringNotClosed = rule(
    "geojson-ring-not-closed", .error, "3.1.6",
    "This linear ring is not closed: its first position [{first}] and its last position [{last}] differ.",
    fix: "End the ring with a copy of its first position.")
  public static let rightHandRule = rule(
    "geojson-right-hand-rule", .warning, "3.1.6",
    "The {ring} of this polygon is {found}; the right-hand rule wants it {expected} (exterior rings counterclockwise, holes clockwise).",
    fix:
      "Reverse the order of the ring's positions. Readers should not reject such polygons, but some render or clip them wrongly."
  )
  public static let coordinateRange = rule(
    "geojson-coordinate-range", .error, "4",
    "Position [{position}] is not a WGS 84 longitude, latitude: {problem}.",
    fix:
      "GeoJSON positions are [longitude, latitude] in decimal degrees (WGS 84): swap the values, or reproject them from the source coordinate system."
  )
}
