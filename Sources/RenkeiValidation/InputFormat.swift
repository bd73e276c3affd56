import RenkeiCore
import RenkeiTabular

/// The syntaxes `renkei validate` reads.
public enum InputFormat: String, Sendable, CaseIterable {
  case json
  case jsonLines = "jsonl"
  case yaml
  case xml
  /// Delimited text: CSV, TSV (read with RenkeiTabular).
  case csv

  /// The format a file extension names, or nil.
  public init?(extension ext: String) {
    switch ext.lowercased() {
    case "json", "geojson", "jsonld", "json-ld": self = .json
    case "jsonl", "ndjson", "jsonlines": self = .jsonLines
    case "yaml", "yml": self = .yaml
    case "xml", "xsd", "gml", "kml", "rdf", "xhtml": self = .xml
    case "csv", "tsv": self = .csv
    default: return nil
    }
  }

  /// True for a file named as GeoJSON (`.geojson`): read as JSON, then checked as GeoJSON too.
  public static func namesGeoJSON(_ path: String) -> Bool {
    (path.split(separator: "/").last ?? "").lowercased().hasSuffix(".geojson")
  }

  /// Guesses the format from the first bytes of a file with no telling extension:
  /// '<' is XML; '{' or '[' is JSON, or JSON Lines when a second line starts another value;
  /// lines split into the same number of fields by a comma, tab or semicolon are CSV;
  /// anything else that is text is tried as YAML.
  public static func sniff(_ prefix: [UInt8]) -> InputFormat {
    var i = 0
    if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 }
    guard i < prefix.count else { return .json }
    switch prefix[i] {
    case UInt8(ascii: "<"):
      return .xml
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      // JSON Lines: a line break followed by the start of another value.
      var j = i
      while j < prefix.count, prefix[j] != 0x0A { j += 1 }
      let firstLine = prefix[i..<j]
      let balanced =
        firstLine.count { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }
        == firstLine.count { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }
      var k = j + 1
      while k < prefix.count, prefix[k] == 0x20 || prefix[k] == 0x0D { k += 1 }
      if balanced, k < prefix.count, prefix[k] == UInt8(ascii: "{") || prefix[k] == UInt8(ascii: "[") {
        return .jsonLines
      }
      return .json
    default:
      return DelimitedTextSniffer.looksDelimited(prefix) ? .csv : .yaml
    }
  }
}
