import RenkeiCore

/// Compares the header's labels with the schema's fields (frictionless's label errors, under the
/// schema's `fieldsMatch`) and decides the table's layout. Without a schema the labels name the
/// columns and only blank and duplicate labels are errors.
struct HeaderCheck {
  /// Where the header is, for findings.
  struct Position {
    var file: String?
    var row: Int
    var line: Int
    /// The column (in characters) where each label starts.
    var labelColumns: [Int]
  }

  let schema: CompiledTableSchema?
  let defaultMissingValues: [String]

  /// The layout and the label findings. `labels` is nil for a file without a header, whose
  /// width is then the schema's (or `inferredWidth` without a schema).
  func evaluate(labels: [String]?, at position: Position?, inferredWidth: Int) -> (TableLayout, [Finding]) {
    let missing = (schema?.schema.missingValues ?? defaultMissingValues).map { Array($0.utf8) }
    guard let labels else {
      let columns: [TableLayout.Column]
      if let schema {
        columns = schema.checks.map { TableLayout.Column(check: $0, name: $0.field.name) }
      } else {
        columns = (0..<inferredWidth).map { TableLayout.Column(check: nil, name: "field\($0 + 1)") }
      }
      return (TableLayout(columns: columns, defaultMissingValues: missing), [])
    }
    var findings: [Finding] = []
    func report(_ rule: Rule, column: Int?, field: String?, _ arguments: [String: String]) {
      var arguments = arguments
      if let column { arguments["fieldNumber"] = String(column + 1) }
      let location = SourceLocation(
        file: position?.file, line: position?.line,
        column: column.flatMap {
          position?.labelColumns.indices.contains($0) == true ? position!.labelColumns[$0] : nil
        },
        row: position?.row, field: field)
      findings.append(rule.finding(at: location, arguments))
    }
    guard let schema else {
      if !labels.isEmpty && labels.allSatisfy({ HeaderDetector.isBlank($0) }) {
        report(TabularRules.blankHeader, column: nil, field: nil, [:])
      } else {
        checkPositional(labels, fields: nil, report: report)
      }
      let columns = labels.enumerated().map { index, label in
        TableLayout.Column(check: nil, name: HeaderDetector.isBlank(label) ? "field\(index + 1)" : label)
      }
      return (TableLayout(columns: columns, defaultMissingValues: missing), findings)
    }
    let fields = schema.checks
    let mode = schema.schema.fieldsMatch
    var columns: [TableLayout.Column]
    if mode == .exact {
      for index in fields.count..<max(fields.count, labels.count) {
        report(TabularRules.extraLabel, column: index, field: labels[index], ["label": labels[index]])
      }
      for (offset, check) in fields.dropFirst(labels.count).enumerated() {
        report(
          TabularRules.missingLabel, column: labels.count + offset, field: check.field.name, ["field": check.field.name]
        )
      }
      checkPositional(labels, fields: fields.map(\.field.name), report: report)
      columns = fields.map { TableLayout.Column(check: $0, name: $0.field.name) }
    } else {
      // Matched by name: each label takes the field of its name (the first label of a name wins).
      checkPositional(labels, fields: nil, onlyDuplicates: true, report: report)
      var used = Set<String>()
      columns = []
      var matchedAny = false
      for (index, label) in labels.enumerated() {
        if let check = fields.first(where: { $0.field.name == label }), used.insert(label).inserted {
          columns.append(TableLayout.Column(check: check, name: check.field.name))
          matchedAny = true
        } else {
          if mode == .equal || mode == .superset {
            report(TabularRules.extraLabel, column: index, field: label, ["label": label])
          }
          columns.append(
            TableLayout.Column(check: nil, name: HeaderDetector.isBlank(label) ? "field\(index + 1)" : label))
        }
      }
      if mode == .partial && !fields.isEmpty && !matchedAny {
        report(TabularRules.unmatchedHeader, column: nil, field: nil, [:])
      }
      let primary = Set(schema.schema.primaryKey)
      var offset = 0
      for check in fields where !used.contains(check.field.name) {
        let required = check.field.constraints.required || primary.contains(check.field.name)
        guard mode == .equal || mode == .subset || required else { continue }
        report(
          TabularRules.missingLabel, column: labels.count + offset, field: check.field.name, ["field": check.field.name]
        )
        offset += 1
      }
    }
    return (TableLayout(columns: columns, defaultMissingValues: missing), findings)
  }

  /// Blank, duplicate and (against `fields`, by position) incorrect labels.
  private func checkPositional(
    _ labels: [String], fields: [String]?, onlyDuplicates: Bool = false,
    report: (Rule, Int?, String?, [String: String]) -> Void
  ) {
    var firstColumn: [String: Int] = [:]
    let count = fields.map { min($0.count, labels.count) } ?? labels.count
    for index in 0..<count {
      let label = labels[index]
      let field = fields?[index] ?? label
      if label.isEmpty {
        if !onlyDuplicates { report(TabularRules.blankLabel, index, field, [:]) }
        continue
      }
      if let first = firstColumn[label] {
        report(TabularRules.duplicateLabel, index, field, ["label": label, "firstNumber": String(first + 1)])
        continue
      }
      firstColumn[label] = index
      if !onlyDuplicates, let fields, label != fields[index] {
        report(TabularRules.incorrectLabel, index, fields[index], ["label": label, "field": fields[index]])
      }
    }
  }
}
