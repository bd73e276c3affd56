import RenkeiCore

/// The findings of a conversion. Every input row ends as an entity or as at least one
/// error-level finding naming the row and the reason (the row is then "rejected"); warnings note
/// values that were left out or changed while the entity was still made.
public enum ConvertRules {
  static let standardDataset = SpecReference(
    document: "Digital Agency, 自治体標準オープンデータセット", clause: "項目定義",
    url: "https://www.digital.go.jp/resources/open_data/municipal-standard-data-set-test")
  static let machineReadability = SpecReference(
    document: "Digital Agency, 機械判読可能なデータの表記方法の統一ルール", clause: "",
    url: "https://github.com/digital-go-jp/machine_readability_rule")
  static let ngsiLDIdentifiers = SpecReference(
    document: "ETSI GS CIM 009", clause: "4.5.2 (entity id is a URI)",
    url: "https://www.etsi.org/deliver/etsi_gs/CIM/001_099/009/01.08.01_60/gs_CIM009v010801p.pdf")
  static let rfc7946Position = SpecReference(
    document: "RFC 7946", clause: "3.1.1", url: "https://www.rfc-editor.org/rfc/rfc7946#section-3.1.1")

  // MARK: - The input as a whole

  public static let columnMissing = Rule(
    id: "convert-column-missing", severity: .warning, spec: standardDataset,
    message: "The input has no column \"{column}\" of mapping {mapping}; {effect}.",
    fix: "Add the column (named as in the dataset's standard header), or choose another mapping with --mapping.")
  public static let columnUnmapped = Rule(
    id: "convert-column-unmapped", severity: .info, spec: nil,
    message: "Column \"{column}\" is not in mapping {mapping}: its values are not converted.",
    fix: "Add the column to the mapping's \"columns\" (and an attribute for it) if its values matter.")
  public static let mappingChosen = Rule(
    id: "convert-mapping", severity: .info, spec: nil,
    message: "Converted with mapping {mapping} ({reason}) to {model} as {target}.")

  // MARK: - Rows that are rejected

  public static let requiredMissing = Rule(
    id: "convert-required-missing", severity: .error, spec: standardDataset,
    message: "Row {row}: column \"{column}\" is empty, but mapping {mapping} requires it; the row is not converted.",
    fix: "Fill in \"{column}\" for this row.")
  public static let requiredInvalid = Rule(
    id: "convert-required-invalid", severity: .error, spec: machineReadability,
    message:
      "Row {row}: \"{value}\" in column \"{column}\" is {reason}; the column is required, so the row is not converted.",
    fix: "Correct the value of \"{column}\" in this row.")
  public static let idIncomplete = Rule(
    id: "convert-id-incomplete", severity: .error, spec: ngsiLDIdentifiers,
    message:
      "Row {row}: the entity id ({template}) needs column \"{column}\", which is empty; the row is not converted.",
    fix: "Fill in \"{column}\" so every row has its own id.")
  public static let duplicateID = Rule(
    id: "convert-duplicate-id", severity: .error, spec: ngsiLDIdentifiers,
    message: "Row {row}: entity id {id} was already made from row {first}; the row is not converted.",
    fix: "Make the columns of the id template ({template}) unique per row.")
  public static let entityInvalid = Rule(
    id: "convert-entity-invalid", severity: .error, spec: nil,
    message: "Row {row}: the entity is not a valid {model} ({count} findings above); the row is not converted.",
    fix: "Correct the row, or the mapping, so the entity meets the model; --no-validate skips this check.")
  public static let recordNotObject = Rule(
    id: "convert-record-not-object", severity: .error, spec: nil,
    message: "Record {row} is {kind}, not an object; it is not converted.",
    fix: "Point --records at the array (JSON) or element (XML) whose items are the records.")

  // MARK: - Values left out or changed

  public static let valueInvalid = Rule(
    id: "convert-value-invalid", severity: .warning, spec: machineReadability,
    message: "Row {row}: \"{value}\" in column \"{column}\" is {reason}; it is left out of the entity.",
    fix: "Write the value in standard form (half-width digits, ISO 8601 dates, HH:MM times).")
  public static let lookupMissing = Rule(
    id: "convert-lookup-missing", severity: .warning, spec: nil,
    message:
      "Row {row}: \"{value}\" in column \"{column}\" is not in the lookup table of attribute {attribute}; the attribute is left out.",
    fix: "Add the value to the mapping's lookup (or give it a default).")
  public static let rowWidth = Rule(
    id: "convert-row-width", severity: .warning, spec: nil,
    message: "Row {row} has {cells} cells where the header has {width}; {effect}.",
    fix: "Check the row's quoting and delimiters (`renkei validate` shows where it goes wrong).")
  public static let encodingReplaced = Rule(
    id: "convert-encoding-replaced", severity: .warning, spec: nil,
    message: "Row {row} holds bytes that are not valid {encoding}; they were read as U+FFFD.",
    fix: "Save the file in one encoding, or name it with --encoding.")
  public static let blankRow = Rule(
    id: "convert-blank-row", severity: .info, spec: nil,
    message: "Row {row} is blank and was skipped.")

  // MARK: - Loading into a platform

  public static let postRejected = Rule(
    id: "convert-post-rejected", severity: .error, spec: nil,
    message: "Entity {id} (row {row}) was not accepted by {url}: {reason}.",
    fix: "See the broker's reason; --no-validate is not the cause unless the entity is invalid.")
}
