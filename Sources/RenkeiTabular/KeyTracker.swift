import RenkeiCore

/// The checks that span rows: `unique` fields, `uniqueKeys`, the `primaryKey` and self-referencing
/// `foreignKeys`. Rows arrive in file order from the workers; the values seen are kept (as
/// canonical keys), so memory grows with the number of distinct keys, as it must.
struct KeyTracker {
  private struct UniqueField {
    var slot: Int
    var column: Int
    var name: String
    /// The first row of each value, by the value's hash.
    var seen = HashRowTable()
  }

  private struct KeySet {
    var slots: [Int]
    var names: [String]
    var seen: [String: Int] = [:]
  }

  private struct Reference {
    var slots: [Int]
    var names: [String]
    var referenceSlots: [Int]
    var referenceNames: [String]
    var referenced = Set<String>()
    var pending: [(row: Int, line: Int, key: String, texts: [String])] = []
  }

  private var uniqueFields: [UniqueField] = []
  private var uniqueKeys: [KeySet] = []
  private var primaryKey: KeySet?
  private var references: [Reference] = []
  private let file: String?

  /// Key definitions whose fields are not all in the layout are skipped (the header findings
  /// already say a field is missing).
  init(schema: TableSchema?, layout: inout TableLayout, file: String?) {
    self.file = file
    guard let schema else { return }
    for field in schema.fields where field.constraints.unique {
      if let slots = layout.keyColumns(for: [field.name]) {
        uniqueFields.append(UniqueField(slot: slots[0], column: layout.keyColumns[slots[0]], name: field.name))
      }
    }
    for key in schema.uniqueKeys {
      if let slots = layout.keyColumns(for: key) { uniqueKeys.append(KeySet(slots: slots, names: key)) }
    }
    if !schema.primaryKey.isEmpty, let slots = layout.keyColumns(for: schema.primaryKey) {
      primaryKey = KeySet(slots: slots, names: schema.primaryKey)
    }
    for key in schema.foreignKeys where key.isSelfReference {
      guard let slots = layout.keyColumns(for: key.fields),
        let referenceSlots = layout.keyColumns(for: key.referenceFields)
      else { continue }
      references.append(
        Reference(slots: slots, names: key.fields, referenceSlots: referenceSlots, referenceNames: key.referenceFields))
    }
  }

  var isEmpty: Bool { uniqueFields.isEmpty && uniqueKeys.isEmpty && primaryKey == nil && references.isEmpty }

  /// Checks rows (in file order) against the rows seen before.
  mutating func process(
    _ rows: [RowChecker.KeyRow], values keyValues: [LogicalValue?], texts keyTexts: [String], hashes: [Int],
    into findings: inout [Finding]
  ) {
    for row in rows {
      let row = Row(row: row.row, line: row.line, base: row.base, allValues: keyValues, allTexts: keyTexts)
      for index in uniqueFields.indices {
        let slot = uniqueFields[index].slot
        guard row.values[slot] != nil else { continue }
        if let first = uniqueFields[index].seen.firstRow(for: hashes[row.base + slot], storing: row.row) {
          findings.append(
            TabularRules.uniqueError.finding(
              at: SourceLocation(file: file, line: row.line, row: row.row, field: uniqueFields[index].name),
              [
                "value": RowChecker.excerpt(row.texts[slot]), "field": uniqueFields[index].name,
                "firstRow": String(first), "fieldNumber": String(uniqueFields[index].column + 1),
              ]))
        }
      }
      for index in uniqueKeys.indices {
        let slots = uniqueKeys[index].slots
        // Unique keys ignore rows where a key field is null (SQL semantics).
        guard slots.allSatisfy({ row.values[$0] != nil }) else { continue }
        let key = Self.key(slots.map { row.values[$0] })
        if let first = uniqueKeys[index].seen[key] {
          findings.append(
            TabularRules.uniqueKeyError.finding(
              at: SourceLocation(file: file, line: row.line, row: row.row),
              [
                "values": Self.quoted(slots.map { row.texts[$0] }), "fields": Self.quoted(uniqueKeys[index].names),
                "firstRow": String(first),
              ]))
        } else {
          uniqueKeys[index].seen[key] = row.row
        }
      }
      if var primary = primaryKey {
        let missing = primary.slots.indices.filter { row.values[primary.slots[$0]] == nil }.map { primary.names[$0] }
        let location = SourceLocation(file: file, line: row.line, row: row.row)
        if !missing.isEmpty {
          findings.append(
            TabularRules.primaryKeyMissing.finding(
              at: location, ["row": String(row.row), "missing": Self.quoted(missing)]))
        } else {
          let key = Self.key(primary.slots.map { row.values[$0] })
          if let first = primary.seen[key] {
            findings.append(
              TabularRules.primaryKeyDuplicate.finding(
                at: location,
                [
                  "row": String(row.row), "fields": Self.quoted(primary.names),
                  "values": Self.quoted(primary.slots.map { row.texts[$0] }), "firstRow": String(first),
                ]))
          } else {
            primary.seen[key] = row.row
          }
        }
        primaryKey = primary
      }
      for index in references.indices {
        let reference = references[index]
        let referenced = reference.referenceSlots.map { row.values[$0] }
        if referenced.contains(where: { $0 != nil }) { references[index].referenced.insert(Self.key(referenced)) }
        let values = reference.slots.map { row.values[$0] }
        if values.contains(where: { $0 != nil }) {
          references[index].pending.append((row.row, row.line, Self.key(values), reference.slots.map { row.texts[$0] }))
        }
      }
    }
  }

  /// The foreign keys, once every row has been seen.
  mutating func finish(into findings: inout [Finding]) {
    for reference in references {
      for entry in reference.pending where !reference.referenced.contains(entry.key) {
        findings.append(
          TabularRules.foreignKey.finding(
            at: SourceLocation(file: file, line: entry.line, row: entry.row),
            [
              "values": Self.quoted(entry.texts), "fields": Self.quoted(reference.names), "reference": "this table",
              "referenceFields": Self.quoted(reference.referenceNames),
            ]))
      }
    }
    references = []
  }

  /// One row's key values, read from the part's flat arrays.
  private struct Row {
    let row: Int
    let line: Int
    let base: Int
    let allValues: [LogicalValue?]
    let allTexts: [String]

    var values: Values { Values(row: self) }
    var texts: Texts { Texts(row: self) }

    struct Values {
      let row: Row
      subscript(slot: Int) -> LogicalValue? { row.allValues[row.base + slot] }
    }

    struct Texts {
      let row: Row
      subscript(slot: Int) -> String { row.allTexts[row.base + slot] }
    }
  }

  private static func key(_ values: [LogicalValue?]) -> String {
    values.map { $0?.key ?? "\u{0}" }.joined(separator: "\u{1F}")
  }

  private static func quoted(_ texts: [String]) -> String {
    texts.count == 1 ? "\"\(texts[0])\"" : "(" + texts.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
  }
}
