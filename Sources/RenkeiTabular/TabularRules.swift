import RenkeiCore

/// The rules of tabular validation, with their English templates. Rules that frictionless also
/// checks use frictionless's error names as ids (`type-error`, `missing-cell` ...); rules about the
/// CSV text itself, which frictionless does not check, are `csv-*`.
public enum TabularRules {
  // MARK: - Specifications

  static func rfc4180(_ rule: String) -> SpecReference {
    SpecReference(document: "RFC 4180", clause: "2 (\(rule))", url: "https://www.rfc-editor.org/rfc/rfc4180#section-2")
  }

  static func tableSchema(_ clause: String, anchor: String) -> SpecReference {
    SpecReference(
      document: "Frictionless Table Schema", clause: clause,
      url: "https://datapackage.org/standard/table-schema/#\(anchor)")
  }

  static func tableDialect(_ clause: String, anchor: String) -> SpecReference {
    SpecReference(
      document: "Frictionless Table Dialect", clause: clause,
      url: "https://datapackage.org/standard/table-dialect/#\(anchor)")
  }

  static let machineReadability = SpecReference(
    document: "Digital Agency, 機械判読可能なデータの表記方法の統一ルール", clause: "L3-01",
    url: "https://github.com/digital-go-jp/machine_readability_rule")

  // MARK: - The file

  public static let encoding = Rule(
    id: "csv-encoding", severity: .info, spec: nil,
    message: "Read as {encoding}; detected with {confidence} confidence ({evidence}).",
    fix: "If the text looks garbled, name the encoding with --encoding (utf-8, shift_jis, euc-jp, utf-16le, utf-16be).")
  public static let dialect = Rule(
    id: "csv-dialect", severity: .info, spec: tableDialect("delimiter, header", anchor: "delimiter"),
    message: "Read as {delimiter}-separated values: {columns} columns, header {header}.")
  public static let encodingError = Rule(
    id: "encoding-error", severity: .error,
    spec: SpecReference(
      document: "RFC 4180", clause: "3 (charset)", url: "https://www.rfc-editor.org/rfc/rfc4180#section-3"),
    message: "Bytes {bytes} are not valid {encoding}; they were read as U+FFFD.",
    fix: "Save the whole file in one encoding (preferably UTF-8), or name the right one with --encoding.")
  public static let sourceError = Rule(
    id: "source-error", severity: .error, spec: rfc4180("rule 3: header"),
    message: "The file is empty: it has no header and no data.",
    fix: "Export the table again; a CSV file holds at least a header row.")
  public static let findingsLimited = Rule(
    id: "csv-findings-limited", severity: .info, spec: nil,
    message: "{count} more \"{rule}\" findings in this file are not listed; the first {limit} are.",
    fix: "Correct the cause of the listed ones (often the encoding or the delimiter) and validate again.")
  public static let mixedLineEndings = Rule(
    id: "csv-mixed-line-endings", severity: .warning, spec: rfc4180("rule 1: line breaks"),
    message: "Row {row} ends with {found}, while other rows end with {expected} ({counts}).",
    fix: "End every row the same way; RFC 4180 uses CRLF.")

  // MARK: - Quoting

  public static let unclosedQuote = Rule(
    id: "csv-unclosed-quote", severity: .error, spec: rfc4180("rules 5-7: quoted fields"),
    message:
      "The quoted field starting here is never closed{reason}; its opening quote was read as an ordinary character.",
    fix: "Add the closing quote, or write a quote that belongs to the text as two quotes (\"\") inside a quoted field.")
  public static let strayQuote = Rule(
    id: "csv-stray-quote", severity: .warning, spec: rfc4180("rule 5: quotes in unquoted fields"),
    message: "A double quote inside the unquoted field \"{value}\"; it was read as an ordinary character.",
    fix: "Enclose the field in double quotes and double the quote inside it, e.g. \"5\"\" screen\".")
  public static let textAfterQuote = Rule(
    id: "csv-text-after-quote", severity: .error, spec: rfc4180("rule 7: quoted fields"),
    message:
      "Text follows the closing quote of a quoted field; readers disagree on the value (read here as \"{value}\").",
    fix: "Put the whole value inside the quotes and double every quote that belongs to it.")
  public static let recordTooLarge = Rule(
    id: "csv-record-too-large", severity: .error, spec: rfc4180("rule 1: line breaks"),
    message: "This row runs for more than {limit} without a line break; it was cut there.",
    fix: "Check for a missing line break or an unbalanced quote further up.")

  // MARK: - Header

  public static let titleRow = Rule(
    id: "csv-title-row", severity: .warning, spec: machineReadability,
    message:
      "Row {row} (\"{text}\") is a title or note above the header, not part of the table; the header is row {headerRow}.",
    fix:
      "Delete title, note and blank rows above the header so the file starts with the header row (or name the header with --header-row)."
  )
  public static let headerRowMissing = Rule(
    id: "csv-header-row-missing", severity: .error, spec: tableDialect("headerRows", anchor: "headerRows"),
    message: "Row {headerRow} was named as the header, but the first rows read hold only {rows}.",
    fix: "Name the row that holds the column names with --header-row.")
  public static let blankHeader = Rule(
    id: "blank-header", severity: .error, spec: tableDialect("header", anchor: "header"),
    message: "The header row is blank.",
    fix: "Give every column a name in the header row.")
  public static let blankLabel = Rule(
    id: "blank-label", severity: .error, spec: tableSchema("Field › name", anchor: "name"),
    message: "Column {fieldNumber} has no name in the header.",
    fix: "Give every column a name in the header row.")
  public static let duplicateLabel = Rule(
    id: "duplicate-label", severity: .error, spec: tableSchema("Field › name", anchor: "name"),
    message: "Column {fieldNumber} is named \"{label}\" like column {firstNumber}.",
    fix: "Give each column a name of its own.")
  public static let incorrectLabel = Rule(
    id: "incorrect-label", severity: .error, spec: tableSchema("fields", anchor: "fields"),
    message: "Column {fieldNumber} is named \"{label}\"; the schema's field {fieldNumber} is \"{field}\".",
    fix: "Rename the column to \"{field}\", or reorder the columns as the schema lists them.")
  public static let missingLabel = Rule(
    id: "missing-label", severity: .error, spec: tableSchema("fields", anchor: "fields"),
    message: "The header has no column for the schema's field \"{field}\".",
    fix: "Add the column \"{field}\" to the table.")
  public static let extraLabel = Rule(
    id: "extra-label", severity: .error, spec: tableSchema("fieldsMatch", anchor: "fieldsMatch"),
    message: "Column {fieldNumber} (\"{label}\") is not a field of the schema.",
    fix: "Remove the column, or add a field for it to the schema.")
  public static let unmatchedHeader = Rule(
    id: "unmatched-header", severity: .error, spec: tableSchema("fieldsMatch", anchor: "fieldsMatch"),
    message: "No column of the header is a field of the schema.",
    fix: "Check that the file and the schema describe the same table.")

  // MARK: - Rows and cells

  public static let blankRow = Rule(
    id: "blank-row", severity: .error, spec: rfc4180("rule 4: fields"),
    message: "Row {row} is blank.",
    fix: "Delete blank rows; a row that separates two tables means the file holds two tables (split it).")
  public static let extraCell = Rule(
    id: "extra-cell", severity: .error, spec: rfc4180("rule 4: same number of fields"),
    message:
      "Row {row} has {cells} cells but the table has {columns} columns: cell {fieldNumber} (\"{value}\") is extra.",
    fix: "Remove the extra cell, or quote a value that contains the delimiter.")
  public static let missingCell = Rule(
    id: "missing-cell", severity: .error, spec: rfc4180("rule 4: same number of fields"),
    message: "Row {row} has {cells} cells but the table has {columns} columns: the cell of \"{field}\" is missing.",
    fix: "Add the missing cells (an empty cell is written as nothing between two delimiters).")
  public static let typeError = Rule(
    id: "type-error", severity: .error, spec: tableSchema("Field Types", anchor: "field-types"),
    message: "\"{value}\" in field \"{field}\" is not {expected}.",
    fix: "Write {example}, or leave the cell empty if the value is missing.")
  public static let uniqueError = Rule(
    id: "unique-error", severity: .error, spec: tableSchema("Field Constraints › unique", anchor: "unique"),
    message: "\"{value}\" in field \"{field}\" repeats the value of row {firstRow}; the field is unique.",
    fix: "Give each row its own value in \"{field}\".")
  public static let uniqueKeyError = Rule(
    id: "unique-error", severity: .error, spec: tableSchema("uniqueKeys", anchor: "uniqueKeys"),
    message: "The values {values} of {fields} repeat row {firstRow}; they form a unique key.",
    fix: "Make the combination of {fields} different in every row.")
  public static let primaryKeyDuplicate = Rule(
    id: "primary-key", severity: .error, spec: tableSchema("primaryKey", anchor: "primaryKey"),
    message: "The primary key {fields} of row {row} is {values}, as in row {firstRow}.",
    fix: "Give every row a primary key of its own.")
  public static let primaryKeyMissing = Rule(
    id: "primary-key", severity: .error, spec: tableSchema("primaryKey", anchor: "primaryKey"),
    message: "Row {row} has no value for the primary key field {missing}; primary key fields are required.",
    fix: "Fill in {missing}.")
  public static let foreignKey = Rule(
    id: "foreign-key", severity: .error, spec: tableSchema("foreignKeys", anchor: "foreignKeys"),
    message: "The values {values} of {fields} are not among the values of {referenceFields} in {reference}.",
    fix: "Use a value that exists in {referenceFields}, or add the row it refers to.")
  public static let constraintNotChecked = Rule(
    id: "constraint-not-checked", severity: .warning,
    spec: tableSchema("Field Constraints", anchor: "field-constraints"),
    message:
      "The constraint \"{constraint}\" of field \"{field}\" is not evaluated by renkei; its values were not checked against it.",
    fix: "Check it with another tool, or express it with pattern, enum or minimum/maximum.")

  // MARK: - Constraints (one id, a template per constraint)

  static func constraint(_ name: String, _ message: String, fix: String) -> Rule {
    Rule(
      id: "constraint-error", severity: .error, spec: tableSchema("Field Constraints › \(name)", anchor: name),
      message: message, fix: fix)
  }

  public static let required = constraint(
    "required", "Field \"{field}\" is required but the cell is empty.", fix: "Fill in \"{field}\".")
  public static let minLength = constraint(
    "minLength", "\"{value}\" in field \"{field}\" has {length}, fewer than the minimum of {limit}.",
    fix: "Write at least {limit} in \"{field}\".")
  public static let maxLength = constraint(
    "maxLength", "\"{value}\" in field \"{field}\" has {length}, more than the maximum of {limit}.",
    fix: "Shorten the value to at most {limit}.")
  public static let minimum = constraint(
    "minimum", "{value} in field \"{field}\" is less than the minimum {limit}.", fix: "Use a value of at least {limit}."
  )
  public static let maximum = constraint(
    "maximum", "{value} in field \"{field}\" is more than the maximum {limit}.", fix: "Use a value of at most {limit}.")
  public static let exclusiveMinimum = constraint(
    "exclusiveMinimum", "{value} in field \"{field}\" is not more than {limit}.", fix: "Use a value above {limit}.")
  public static let exclusiveMaximum = constraint(
    "exclusiveMaximum", "{value} in field \"{field}\" is not less than {limit}.", fix: "Use a value below {limit}.")
  public static let pattern = constraint(
    "pattern", "\"{value}\" in field \"{field}\" does not match the pattern {pattern}.",
    fix: "Write the value in the form the pattern {pattern} describes.")
  public static let enumeration = constraint(
    "enum", "\"{value}\" in field \"{field}\" is not one of the allowed values ({allowed}).",
    fix: "Use one of the allowed values.")
  public static let categories = Rule(
    id: "constraint-error", severity: .error, spec: tableSchema("Field › categories", anchor: "categories"),
    message: "\"{value}\" in field \"{field}\" is not one of its categories ({allowed}).",
    fix: "Use one of the categories.")
  public static let arrayItem = Rule(
    id: "constraint-error", severity: .error, spec: tableSchema("Field Types › array (arrayItem)", anchor: "array"),
    message: "An item of \"{value}\" in field \"{field}\" breaks its arrayItem definition: {detail}.",
    fix: "Correct the item.")

  public static let all: [Rule] = [
    encoding, dialect, encodingError, sourceError, findingsLimited, mixedLineEndings, unclosedQuote, strayQuote,
    textAfterQuote,
    recordTooLarge, titleRow, headerRowMissing, blankHeader, blankLabel, duplicateLabel, incorrectLabel, missingLabel,
    extraLabel,
    unmatchedHeader, blankRow, extraCell, missingCell, typeError, uniqueError, uniqueKeyError, primaryKeyDuplicate,
    primaryKeyMissing, foreignKey, constraintNotChecked, required, minLength, maxLength, minimum, maximum,
    exclusiveMinimum, exclusiveMaximum, pattern, enumeration, categories, arrayItem,
  ]
}
