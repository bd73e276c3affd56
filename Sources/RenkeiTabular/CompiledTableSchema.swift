/// A Table Schema prepared for validation: a `FieldCheck` per field, compiled once and shared by
/// all threads.
final class CompiledTableSchema: Sendable {
  let schema: TableSchema
  let checks: [FieldCheck]

  init(_ schema: TableSchema) {
    self.schema = schema
    var keyed = Set(schema.primaryKey)
    for key in schema.uniqueKeys { keyed.formUnion(key) }
    for key in schema.foreignKeys {
      keyed.formUnion(key.fields)
      if key.isSelfReference { keyed.formUnion(key.referenceFields) }
    }
    for field in schema.fields where field.constraints.unique { keyed.insert(field.name) }
    checks = schema.fields.map {
      FieldCheck(field: $0, schemaMissingValues: schema.missingValues, keyed: keyed.contains($0.name))
    }
  }

  /// Fields whose constraints renkei does not evaluate.
  var unevaluatedConstraints: [(field: String, constraint: String)] {
    schema.fields.compactMap { $0.constraints.jsonSchema != nil ? ($0.name, "jsonSchema") : nil }
  }
}
