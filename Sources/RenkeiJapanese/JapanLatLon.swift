/// Whether a latitude/longitude pair lies in Japan, and whether it looks swapped.
///
/// Japan's extreme points are 沖ノ鳥島 (20.42°N) and 択捉島 (45.56°N), 与那国島 (122.93°E) and
/// 南鳥島 (153.99°E); the box used here is latitude 20–46 and longitude 122–154, rounded outwards.
/// Since the two ranges do not overlap, a latitude in the longitude range together with a
/// longitude in the latitude range is a swapped pair, not two wrong values.
public enum JapanLatLon {
  public static let latitudeRange: ClosedRange<Double> = 20...46
  public static let longitudeRange: ClosedRange<Double> = 122...154

  public enum Verdict: Sendable, Hashable {
    case inside
    /// Latitude and longitude are exchanged.
    case swapped
    /// The latitude is outside Japan's extent.
    case latitudeOutside
    /// The longitude is outside Japan's extent.
    case longitudeOutside
    /// Both are outside.
    case outside
  }

  public static func classify(latitude: Double, longitude: Double) -> Verdict {
    let latOK = latitudeRange.contains(latitude)
    let lonOK = longitudeRange.contains(longitude)
    switch (latOK, lonOK) {
    case (true, true): return .inside
    case (false, false):
      return longitudeRange.contains(latitude) && latitudeRange.contains(longitude) ? .swapped : .outside
    case (false, true): return .latitudeOutside
    case (true, false): return .longitudeOutside
    }
  }

  /// Reads a coordinate written in decimal degrees (`34.866918`, `-0.5`, `+35`): nil for
  /// anything else (degrees-minutes-seconds, a hemisphere letter, a comma as decimal mark).
  public static func decimalDegrees(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let count = bytes.count
    guard count > 0, count <= 32 else { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      i = 1
    }
    var integer = 0.0
    var digits = 0
    while i < count, (0x30...0x39).contains(bytes[i]) {
      integer = integer * 10 + Double(bytes[i] - 0x30)
      digits += 1
      i += 1
    }
    var fraction = 0.0
    var scale = 1.0
    if i < count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      var fractionDigits = 0
      while i < count, (0x30...0x39).contains(bytes[i]) {
        fraction = fraction * 10 + Double(bytes[i] - 0x30)
        scale *= 10
        fractionDigits += 1
        i += 1
      }
      guard fractionDigits > 0 else { return nil }
    }
    guard i == count, digits > 0, digits <= 3 else { return nil }
    let value = integer + fraction / scale
    return negative ? -value : value
  }

  /// The same on a string.
  public static func decimalDegrees(_ text: String) -> Double? {
    var copy = text
    return copy.withUTF8 { decimalDegrees($0) }
  }
}
