import RenkeiCore

/// Checks a "bbox" member (RFC 7946 §5): an array of 2×n numbers for positions of n
/// dimensions, all axes of the south-west corner followed by all axes of the north-east corner.
enum GeoJSONBoundingBox {
  /// Checks the bbox's own form; returns its number of values when it is well formed.
  static func check(_ bbox: JSONValue, node: Int, sink: inout GeoJSONFindingSink) -> Int? {
    guard bbox.kind == .array else {
      sink.report(
        GeoJSONRules.bbox, entry: bbox.index, node: node, path: [.key("bbox")],
        ["problem": "it must be an array of numbers, not \(GeoJSONWalk.describe(bbox))"])
      return nil
    }
    var values: [Double] = []
    values.reserveCapacity(bbox.count)
    var wellFormed = true
    bbox.forEachElement { index, element in
      guard wellFormed else { return }
      guard let number = GeoJSONNumber.double(element) else {
        wellFormed = false
        sink.report(
          GeoJSONRules.bbox, entry: element.index, node: node, path: [.key("bbox"), .index(index)],
          ["problem": "value \(index) is \(GeoJSONWalk.describe(element)); every value must be a number"])
        return
      }
      values.append(number)
    }
    guard wellFormed else { return nil }
    let count = values.count
    guard count >= 4, count % 2 == 0 else {
      sink.report(
        GeoJSONRules.bbox, entry: bbox.index, node: node, path: [.key("bbox")],
        ["problem": "it has \(count) values; it needs 2 × n values for positions of n dimensions (4 in 2D, 6 in 3D)"])
      return nil
    }
    let n = count / 2
    let text = { (index: Int) in bbox[index]?.number.map { GeoJSONWalk.shortened($0.lexeme) } ?? String(values[index]) }
    var problems: [String] = []
    for index in [0, n] where !(-180...180).contains(values[index]) {
      problems.append("longitude \(text(index)) is outside -180..180")
    }
    for index in [1, n + 1] where !(-90...90).contains(values[index]) {
      problems.append("latitude \(text(index)) is outside -90..90")
    }
    // West may exceed east: that box crosses the antimeridian (§5.2). South may not exceed north.
    if values[1] > values[n + 1] {
      problems.append(
        "south \(text(1)) is greater than north \(text(n + 1)) (the south-west corner comes first, then the north-east corner)"
      )
    }
    if n >= 3, values[2] > values[n + 2] {
      problems.append("the lowest altitude \(text(2)) is greater than the highest \(text(n + 2))")
    }
    if !problems.isEmpty {
      sink.report(
        GeoJSONRules.bbox, entry: bbox.index, node: node, path: [.key("bbox")],
        ["problem": problems.joined(separator: "; ")])
    }
    return count
  }

  /// "2×n where n is the number of dimensions represented in the contained geometries": judged
  /// only when every position below has the same number of dimensions.
  static func checkDimensions(
    _ bbox: JSONValue, count: Int, min: Int, max: Int, node: Int, sink: inout GeoJSONFindingSink
  ) {
    guard max >= 2, min == max, count != 2 * max else { return }
    sink.report(
      GeoJSONRules.bbox, entry: bbox.index, node: node, path: [.key("bbox")],
      [
        "problem":
          "it has \(count) values, but the positions it bounds have \(max) dimensions, so it needs \(2 * max)"
      ])
  }
}

extension GeoJSONRules {
  public static let bbox = rule(
    "geojson-bbox", .error, "5", "Invalid \"bbox\": {problem}.",
    fix:
      "Write [west, south, east, north] in degrees, or [west, south, lowest altitude, east, north, highest altitude] in 3D."
  )
}
