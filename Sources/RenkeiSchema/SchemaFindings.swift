import RenkeiCore

/// Turns schema failures into findings: rule `schema-<keyword>`, located at the instance
/// value (line:column and JSON Pointer), citing the keyword's clause in the schema's dialect.
public enum SchemaFindings {
  /// `locate` maps a failing value to the value to point at (a projection's original).
  public static func findings(
    _ units: [SchemaOutputUnit], dialect: Dialect, file: String?, documentNumber: Int? = nil,
    locate: (JSONValue) -> JSONValue = { $0 }
  ) -> [Finding] {
    units.map { unit in
      let spec = dialect.spec(for: unit.keyword)
      var arguments = unit.arguments
      arguments["keywordLocation"] = unit.keywordLocation
      arguments["absoluteKeywordLocation"] = unit.absoluteKeywordLocation
      return Finding(
        ruleID: "schema-" + unit.keyword.replacingDollar(), severity: .error, message: unit.message,
        fixHint: "Change the value so that it satisfies \"\(unit.keyword)\" at \(unit.absoluteKeywordLocation).",
        location: locate(unit.instance).location(file: file, documentNumber: documentNumber),
        spec: SpecReference(document: spec.document, clause: spec.clause, url: spec.url), arguments: arguments)
    }
  }
}

extension String {
  /// "$ref" → "ref": rule ids stay kebab-case words.
  func replacingDollar() -> String { hasPrefix("$") ? String(dropFirst()) : self }
}
