import RenkeiCore

/// One validation run: visits the GeoJSON objects (FeatureCollection, Feature, geometries) of a
/// value with an explicit stack, so nested GeometryCollections cannot exhaust the call stack,
/// and checks each object's members. `properties` and foreign members are never entered:
/// "GeoJSON semantics do not apply to foreign members and their descendants" (§6.1).
struct GeoJSONWalk {
  /// What the context requires an object to be.
  enum Role {
    /// Any GeoJSON object (a GeoJSON text, §2).
    case any
    /// An element of "features" (§3.3).
    case feature
    /// A Feature's "geometry", an element of "geometries", or a bare geometry.
    case geometry
  }

  /// How a node is reached from its parent node.
  enum Step {
    case origin
    /// A Feature's "geometry".
    case geometry
    /// "features"/n.
    case feature(Int)
    /// "geometries"/n.
    case part(Int)
  }

  /// A GeoJSON object met on the walk.
  struct Node {
    let parent: Int
    let step: Step
    var minDimension = Int.max
    var maxDimension = 0
    /// A well-formed "bbox" (tape index) and its number of values, checked against the
    /// dimensions below.
    var bbox: (index: Int, count: Int)?
  }

  /// A value to check as a GeoJSON object.
  private struct Visit {
    let index: Int
    let role: Role
    let parent: Int
    let step: Step
    let insideCollection: Bool
  }

  /// Work still to do: one value, or the rest of an array of them ("features", "geometries")
  /// taken an element at a time, so the stack only grows with the nesting, and in document
  /// order, so the findings kept under the limit are the first ones.
  private enum Work {
    case visit(Visit)
    case elements(next: Int, end: Int, position: Int, role: Role, parent: Int, inside: Bool)
  }

  private let document: JSONDocument
  private(set) var nodes: [Node] = []
  private(set) var sink: GeoJSONFindingSink

  init(document: JSONDocument, limit: Int) {
    self.document = document
    sink = GeoJSONFindingSink(limit: limit)
  }

  mutating func run(_ value: JSONValue, role: Role) {
    let tape = document.tape
    var stack: [Work] = [
      .visit(Visit(index: value.index, role: role, parent: -1, step: .origin, insideCollection: false))
    ]
    while let work = stack.popLast() {
      switch work {
      case .visit(let visit):
        check(visit, &stack)
      case .elements(let next, let end, let position, let role, let parent, let inside):
        guard next < end else { continue }
        let after = tape[next].isContainer ? Int(tape[next].extent) : next + 1
        stack.append(
          .elements(
            next: after, end: end, position: position + 1, role: role, parent: parent, inside: inside))
        stack.append(
          .visit(
            Visit(
              index: next, role: role, parent: parent, step: role == .feature ? .feature(position) : .part(position),
              insideCollection: inside)))
      }
    }
    // Nodes are numbered in pre-order, so a reverse pass sees children before their parents.
    for index in nodes.indices.reversed() where nodes[index].parent >= 0 {
      let node = nodes[index]
      nodes[node.parent].minDimension = min(nodes[node.parent].minDimension, node.minDimension)
      nodes[node.parent].maxDimension = max(nodes[node.parent].maxDimension, node.maxDimension)
    }
    for index in nodes.indices {
      guard let bbox = nodes[index].bbox else { continue }
      GeoJSONBoundingBox.checkDimensions(
        JSONValue(document: document, index: bbox.index), count: bbox.count, min: nodes[index].minDimension,
        max: nodes[index].maxDimension, node: index,
        sink: &sink)
    }
  }

  // MARK: - Objects

  private mutating func check(_ visit: Visit, _ stack: inout [Work]) {
    let node = nodes.count
    nodes.append(Node(parent: visit.parent, step: visit.step))
    let object = JSONValue(document: document, index: visit.index)
    guard object.kind == .object else {
      let (what, clause): (String, String) =
        switch visit.role {
        case .any: ("A GeoJSON text", "2")
        case .feature: ("Each element of \"features\"", "3.3")
        case .geometry: visit.parent < 0 ? ("A geometry", "3.1") : ("Each element of \"geometries\"", "3.1.8")
        }
      sink.report(
        GeoJSONRules.notObject, entry: object.index, node: node, clause: clause,
        ["what": what, "found": GeoJSONWalk.describe(object)])
      return
    }
    let members = GeoJSONMembers(object)
    for repeated in members.repeats {
      sink.report(
        GeoJSONRules.duplicateMember, entry: repeated.keyEntry, node: node, path: [.key(repeated.name)],
        ["member": repeated.name])
    }
    if let crs = members.crs {
      sink.report(GeoJSONRules.crs, entry: crs.index, node: node, path: [.key("crs")])
    }
    if let bbox = members.bbox, let count = GeoJSONBoundingBox.check(bbox, node: node, sink: &sink) {
      nodes[node].bbox = (bbox.index, count)
    }
    guard let type = resolveType(object, members, role: visit.role, node: node) else { return }
    switch type {
    case .featureCollection:
      featureCollection(members, node: node, object: object, &stack)
    case .feature:
      feature(members, node: node, object: object, &stack)
    case .geometryCollection:
      geometryCollection(members, node: node, object: object, inside: visit.insideCollection, &stack)
    case .point, .multiPoint, .lineString, .multiLineString, .polygon, .multiPolygon:
      geometry(type, members, node: node, object: object)
    }
  }

  /// The type to check the object as, or nil when it cannot be told; reports what is wrong
  /// with "type". An element of "features" with a missing or misspelt type is still checked
  /// as a Feature, since its place says what it is.
  private mutating func resolveType(
    _ object: JSONValue, _ members: GeoJSONMembers, role: Role, node: Int
  ) -> GeoJSONType? {
    let fallback: GeoJSONType? = role == .feature ? .feature : nil
    guard let typeValue = members.type else {
      sink.report(
        GeoJSONRules.missingMember, entry: object.index, node: node, clause: role == .feature ? "3.2" : "3",
        [
          "object": GeoJSONWalk.objectName(role), "member": "type",
          "example": role == .feature ? "\"Feature\"" : "one of \(GeoJSONWalk.allowedList(role))",
        ])
      return fallback
    }
    if let type = GeoJSONType.named(typeValue), GeoJSONWalk.fits(type, role) { return type }
    guard let name = typeValue.string else {
      invalidType(typeValue, GeoJSONWalk.describe(typeValue), "must be a string naming a GeoJSON type", "3", role, node)
      return fallback
    }
    guard let type = GeoJSONType(rawValue: name) else {
      let found = "\"\(GeoJSONWalk.shortened(name))\""
      if let meant = GeoJSONType.caseInsensitiveMatch(name), GeoJSONWalk.fits(meant, role) {
        invalidType(typeValue, found, "type names are case-sensitive: write \"\(meant.rawValue)\"", "1.4", role, node)
      } else {
        invalidType(typeValue, found, GeoJSONWalk.expectation(role), "1.4", role, node)
      }
      return fallback
    }
    guard GeoJSONWalk.fits(type, role) else {
      invalidType(typeValue, "\"\(name)\"", GeoJSONWalk.expectation(role), role == .feature ? "3.3" : "3.1", role, node)
      return nil
    }
    return type
  }

  private mutating func invalidType(
    _ value: JSONValue, _ found: String, _ expected: String, _ clause: String, _ role: Role, _ node: Int
  ) {
    sink.report(
      GeoJSONRules.invalidType, entry: value.index, node: node, path: [.key("type")], clause: clause,
      ["found": found, "expected": expected, "allowed": GeoJSONWalk.allowedList(role)])
  }

  private static func fits(_ type: GeoJSONType, _ role: Role) -> Bool {
    switch role {
    case .any: return true
    case .feature: return type == .feature
    case .geometry: return type.isGeometry
    }
  }

  private static func allowedList(_ role: Role) -> String {
    let allowed: [GeoJSONType] =
      switch role {
      case .any: GeoJSONType.allCases
      case .feature: [.feature]
      case .geometry: GeoJSONType.geometries
      }
    return allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
  }

  private mutating func featureCollection(
    _ members: GeoJSONMembers, node: Int, object: JSONValue, _ stack: inout [Work]
  ) {
    changedSemantics(members, GeoJSONWalk.featureCollectionForbids, in: "A FeatureCollection", node)
    guard let features = members.features else {
      missing("features", in: "FeatureCollection", example: "[]", clause: "3.3", object, node)
      return
    }
    guard features.kind == .array else {
      wrongKind("features", features, expected: "an array of Features", clause: "3.3", node)
      return
    }
    stack.append(GeoJSONWalk.elements(of: features, role: .feature, parent: node, inside: false))
  }

  private mutating func feature(_ members: GeoJSONMembers, node: Int, object: JSONValue, _ stack: inout [Work]) {
    changedSemantics(members, GeoJSONWalk.featureForbids, in: "A Feature", node)
    if let geometry = members.geometry {
      switch geometry.kind {
      case .object:
        stack.append(
          .visit(
            Visit(
              index: geometry.index, role: .geometry, parent: node, step: .geometry, insideCollection: false)
          ))
      case .null:
        break  // §3.2: an unlocated Feature has "geometry": null.
      default:
        wrongKind("geometry", geometry, expected: "a geometry object or null", clause: "3.2", node)
      }
    } else {
      missing("geometry", in: "Feature", example: "null", clause: "3.2", object, node)
    }
    if let properties = members.properties {
      if properties.kind != .object && properties.kind != .null {
        wrongKind("properties", properties, expected: "an object or null", clause: "3.2", node)
      }
    } else {
      missing("properties", in: "Feature", example: "{}", clause: "3.2", object, node)
    }
    if let id = members.id, id.kind != .string && id.kind != .number {
      wrongKind("id", id, expected: "a string or a number", clause: "3.2", node)
    }
  }

  private mutating func geometry(_ type: GeoJSONType, _ members: GeoJSONMembers, node: Int, object: JSONValue) {
    changedSemantics(members, GeoJSONWalk.geometryForbids, in: "A geometry", node)
    guard let coordinates = members.coordinates else {
      missing("coordinates", in: type.rawValue, example: "[...]", clause: type.clause, object, node)
      return
    }
    guard coordinates.kind == .array else {
      wrongKind("coordinates", coordinates, expected: type.coordinatesShape, clause: type.clause, node)
      return
    }
    var checker = GeoJSONCoordinates(type: type, node: node, document: object.document)
    checker.check(coordinates, sink: &sink)
    nodes[node].minDimension = checker.minDimension
    nodes[node].maxDimension = checker.maxDimension
  }

  private mutating func geometryCollection(
    _ members: GeoJSONMembers, node: Int, object: JSONValue, inside: Bool, _ stack: inout [Work]
  ) {
    changedSemantics(members, GeoJSONWalk.geometryForbids, in: "A geometry", node)
    if inside {
      sink.report(GeoJSONRules.nestedGeometryCollection, entry: object.index, node: node)
    }
    guard let geometries = members.geometries else {
      missing("geometries", in: "GeometryCollection", example: "[]", clause: "3.1.8", object, node)
      return
    }
    guard geometries.kind == .array else {
      wrongKind("geometries", geometries, expected: "an array of geometry objects", clause: "3.1.8", node)
      return
    }
    var partType: GeoJSONType?
    var sameType = true
    geometries.forEachElement { index, element in
      let type = element["type"].flatMap(GeoJSONType.named)
      if index == 0 { partType = type } else if type != partType { sameType = false }
    }
    stack.append(GeoJSONWalk.elements(of: geometries, role: .geometry, parent: node, inside: true))
    // §3.1.8: a single part, or parts of one type, SHOULD be written without the collection.
    let count = geometries.count
    if count == 1 {
      sink.report(
        GeoJSONRules.collectionSingleType, entry: object.index, node: node,
        ["parts": "a single geometry", "replacement": "that geometry on its own"])
    } else if count > 1, sameType, let partType, let multipart = partType.multipart {
      sink.report(
        GeoJSONRules.collectionSingleType, entry: object.index, node: node,
        ["parts": "\(count) geometries, all of type \(partType.rawValue)", "replacement": "one \(multipart.rawValue)"])
    }
  }

  /// The elements of `array`, to be visited one at a time.
  private static func elements(of array: JSONValue, role: Role, parent: Int, inside: Bool) -> Work {
    let end = Int(array.document.tape[array.index].extent)
    return .elements(
      next: array.index + 1, end: end, position: 0, role: role, parent: parent, inside: inside)
  }

  // MARK: - Members

  static let featureCollectionForbids: [GeoJSONMembers.Name] = [.coordinates, .geometries, .geometry, .properties]
  static let featureForbids: [GeoJSONMembers.Name] = [.coordinates, .geometries, .features]
  static let geometryForbids: [GeoJSONMembers.Name] = [.geometry, .properties, .features]

  /// §7.1: "coordinates"/"geometries" make a Geometry, "geometry"/"properties" a Feature and
  /// "features" a FeatureCollection; other objects MUST NOT carry them.
  private mutating func changedSemantics(
    _ members: GeoJSONMembers, _ forbidden: [GeoJSONMembers.Name], in object: String, _ node: Int
  ) {
    for name in forbidden {
      guard let value = members.value(name) else { continue }
      sink.report(
        GeoJSONRules.changedSemantics, entry: value.index, node: node, path: [.key(name.rawValue)],
        ["object": object, "member": name.rawValue])
    }
  }

  private mutating func missing(
    _ member: String, in object: String, example: String, clause: String, _ value: JSONValue, _ node: Int
  ) {
    sink.report(
      GeoJSONRules.missingMember, entry: value.index, node: node, clause: clause,
      ["object": object, "member": member, "example": example])
  }

  private mutating func wrongKind(
    _ member: String, _ value: JSONValue, expected: String, clause: String, _ node: Int
  ) {
    sink.report(
      GeoJSONRules.memberType, entry: value.index, node: node, path: [.key(member)], clause: clause,
      ["member": member, "expected": expected, "found": GeoJSONWalk.describe(value)])
  }

  // MARK: - Wording

  /// "a string", "an array", "null" ...
  static func describe(_ value: JSONValue) -> String {
    switch value.kind {
    case .null: return "null"
    case .bool: return "a boolean (\(value.bool == true ? "true" : "false"))"
    case .number: return "a number (\(shortened(value.number?.lexeme ?? "")))"
    case .string:
      // Quoted: "39.36827914916011" shows a number written as a string.
      return "a string (\"\(shortened(value.string ?? ""))\")"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// Text from the input, cut short so that a hostile value cannot make a message huge.
  static func shortened(_ text: String) -> String {
    text.unicodeScalars.count <= 40 ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(39))) + "…"
  }

  private static func objectName(_ role: Role) -> String {
    switch role {
    case .any: return "GeoJSON object"
    case .feature: return "Feature"
    case .geometry: return "geometry"
    }
  }

  private static func expectation(_ role: Role) -> String {
    switch role {
    case .any: return "a GeoJSON object's type must be one of \(allowedList(role))"
    case .feature: return "every element of \"features\" must be a \"Feature\""
    case .geometry: return "a geometry's type must be one of \(allowedList(role))"
    }
  }

  // MARK: - Findings

  /// The findings, in document order, located by line:column and by JSON Pointer from the
  /// document root (`base` is the pointer of the value the walk started at).
  /// Whether `findings` has anything to report.
  var hasFindings: Bool { !sink.pending.isEmpty || !sink.dropped.isEmpty }

  func findings(start: JSONValue, base: [String], file: String?, documentNumber: Int?) -> [Finding] {
    let pending = sink.pending
    // Nothing to locate (the usual case): no scan of the text.
    guard hasFindings else { return [] }
    let positions = GeoJSONLocator.positions(of: pending.map(\.entry) + [start.index], in: start.document)
    var out = pending.enumerated().sorted { ($0.element.entry, $0.offset) < ($1.element.entry, $1.offset) }.map {
      item -> Finding in
      let finding = item.element
      let position = positions[finding.entry]
      var tokens = base + pointerTokens(of: finding.node)
      tokens += finding.path.map(\.text)
      var made = finding.rule.finding(
        at: SourceLocation(
          file: file, line: position?.line, column: position?.column,
          pointer: JSONPointer(tokens: tokens).description, document: documentNumber),
        finding.arguments)
      if let clause = finding.clause { made.spec = GeoJSONRules.rfc7946(clause) }
      return made
    }
    let startPosition = positions[start.index]
    for (rule, count) in sink.dropped {
      out.append(
        GeoJSONRules.findingsTruncated.finding(
          at: SourceLocation(
            file: file, line: startPosition?.line, column: startPosition?.column,
            pointer: JSONPointer(tokens: base).description, document: documentNumber),
          ["count": String(count), "rule": rule.id]))
    }
    return out
  }

  private func pointerTokens(of node: Int) -> [String] {
    var reversed: [String] = []
    var current = node
    while current >= 0 {
      switch nodes[current].step {
      case .origin: break
      case .geometry: reversed.append("geometry")
      case .feature(let index): reversed += [String(index), "features"]
      case .part(let index): reversed += [String(index), "geometries"]
      }
      current = nodes[current].parent
    }
    return reversed.reversed()
  }
}

extension GeoJSONRules {
  public static let notObject = rule(
    "geojson-not-object", .error, "3", "{what} must be a JSON object, not {found}.",
    fix: "Write a GeoJSON object: {\"type\": ..., ...}.")
  public static let missingMember = rule(
    "geojson-missing-member", .error, "3", "A {object} must have a \"{member}\" member.",
    fix: "Add \"{member}\": {example}.")
  public static let invalidType = rule(
    "geojson-invalid-type", .error, "1.4", "\"type\" is {found}, but {expected}.",
    fix: "Use one of {allowed}, spelled exactly; GeoJSON types cannot be extended (RFC 7946 §7).")
  public static let memberType = rule(
    "geojson-member-type", .error, "3", "\"{member}\" must be {expected}, not {found}.",
    fix: "Change \"{member}\" to {expected}.")
  public static let duplicateMember = rule(
    "geojson-duplicate-member", .error, "3",
    "The GeoJSON member \"{member}\" appears more than once in this object; readers disagree on which one counts (renkei checks the last, as JavaScript does).",
    fix: "Keep exactly one \"{member}\" member.")
  public static let changedSemantics = rule(
    "geojson-changed-semantics", .error, "7.1",
    "{object} must not contain a \"{member}\" member: that member gives an object another GeoJSON meaning.",
    fix: "Remove \"{member}\", or rename it if it is your own data (e.g. inside \"properties\").")
  public static let crs = rule(
    "geojson-crs", .warning, "4",
    "The \"crs\" member was removed in RFC 7946: GeoJSON coordinates are always WGS 84 longitude, latitude.",
    fix:
      "Remove \"crs\". Coordinates in JGD2011 degrees (EPSG:6668) may stay as they are; plane rectangular or other projected coordinates (e.g. EPSG:6669-6687) must be converted to longitude, latitude."
  )
  public static let nestedGeometryCollection = rule(
    "geojson-nested-geometry-collection", .warning, "3.1.8",
    "This GeometryCollection is nested in another one; nested GeometryCollections should be avoided.",
    fix: "Move its geometries into the outer GeometryCollection.")
  public static let collectionSingleType = rule(
    "geojson-collection-single-type", .warning, "3.1.8",
    "This GeometryCollection holds {parts}; write {replacement} instead.",
    fix: "Use a GeometryCollection only for geometries of different types.")
}
