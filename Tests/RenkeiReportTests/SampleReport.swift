import RenkeiCore

/// The fixed report behind the golden files. It exercises every kind of location (line and
/// column, line only, JSON Pointer including the whole-document pointer "", stream document
/// number, table row and field, none at all), all severities, specs with and without clause and
/// URL, two findings of one rule in one file, a clean file, Japanese text in paths and messages,
/// markup characters (`<&"|`, backticks, `*`), a line break, and control characters (NUL, ESC).
enum Sample {
  static let report = Report(
    command: "validate", toolVersion: "0.1.0",
    subjects: [shops, facilities, stream, clean, empty])

  static let shops = Report.Subject(
    path: "data/shops.json", format: "json", itemCount: 1,
    findings: [
      // Deliberately not in location order: reporters sort.
      Finding(
        ruleID: "json-number-precision", severity: .info,
        message: "The number 12345678901234567890 is beyond 2^53; some readers will round it.",
        location: SourceLocation(file: "data/shops.json", line: 9, pointer: "/capacity"),
        arguments: ["lexeme": "12345678901234567890"]),
      Finding(
        ruleID: "json-duplicate-key", severity: .error,
        message: #"Duplicate member name "name"; the first is on line 2."#,
        fixHint: "Remove or rename one of the members.",
        location: SourceLocation(file: "data/shops.json", line: 3, column: 5, pointer: "/name"),
        spec: .rfc8259("4"), arguments: ["name": "name", "firstLine": "2"]),
      Finding(
        ruleID: "jp-postal-code", severity: .warning,
        message: #"Value "東京都千代田区" is not a postal code (expected *123-4567*)."#,
        fixHint: "郵便番号は「123-4567」の形式で書いてください。",
        location: SourceLocation(file: "data/shops.json", line: 7, column: 17, pointer: "/address/postalCode"),
        spec: SpecReference(
          document: "Example Dataset Guide", clause: "3.2", url: "https://example.org/guide?part=3&section=2"),
        arguments: ["value": "東京都千代田区"]),
    ])

  static let facilities = Report.Subject(
    path: "data/施設一覧.csv", format: "csv", itemCount: 120,
    findings: [
      Finding(
        ruleID: "csv-required-field", severity: .error,
        message: "Field \"名称\" is empty: expected <text> & \"quotes\" | pipes\nand `code` on a second line",
        fixHint: "Fill in the facility name (施設名).",
        location: SourceLocation(file: "data/施設一覧.csv", row: 4, field: "名称"),
        spec: SpecReference(
          document: "Table Schema", clause: "constraints",
          url: "https://specs.frictionlessdata.io/table-schema/#constraints"),
        arguments: ["field": "名称"]),
      Finding(
        ruleID: "csv-required-field", severity: .error, message: "Field \"名称\" is empty.",
        fixHint: "Fill in the facility name (施設名).",
        location: SourceLocation(file: "data/施設一覧.csv", row: 12, field: "名称"),
        spec: SpecReference(
          document: "Table Schema", clause: "constraints",
          url: "https://specs.frictionlessdata.io/table-schema/#constraints"),
        arguments: ["field": "名称"]),
      Finding(
        ruleID: "jp-phone-number", severity: .warning,
        message: "電話番号「03-1234-56789」の桁数が正しくありません。",
        fixHint: "市外局番から10桁または11桁で書いてください。",
        location: SourceLocation(file: "data/施設一覧.csv", row: 9, field: "電話番号"),
        spec: SpecReference(document: "自治体標準オープンデータセット", clause: ""),
        arguments: ["value": "03-1234-56789"]),
    ])

  static let stream = Report.Subject(
    path: "data/stream.jsonl", format: "jsonl", itemCount: 3,
    findings: [
      Finding(
        ruleID: "ngsi-ld-missing-context", severity: .warning,
        message: #"The entity has no "@context" member and no Link header applies."#,
        fixHint: #"Add "@context", or send it in a Link header."#,
        location: SourceLocation(file: "data/stream.jsonl", line: 2, column: 1, pointer: "", document: 2),
        spec: SpecReference(
          document: "ETSI GS CIM 009 V1.8.1", clause: "5.5.7", url: "https://example.org/etsi/cim009#5.5.7"))
    ])

  static let clean = Report.Subject(path: "data/ok.yaml", format: "yaml", itemCount: 2, findings: [])

  static let empty = Report.Subject(
    path: "data/empty file.xml", format: "xml", itemCount: 0,
    findings: [
      // No location at all: the finding is about the whole file; reporters fill in the path.
      Finding(
        ruleID: "xml-no-root", severity: .error,
        message: "No root element; the file holds only the control characters \u{0} and \u{1B}[31m.",
        fixHint: "Write one root element after the optional `<?xml …?>` declaration.",
        location: SourceLocation(),
        spec: SpecReference(document: "XML 1.0", clause: "2.1", url: "https://www.w3.org/TR/xml/#sec-well-formed"))
    ])
}
