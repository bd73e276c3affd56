import RenkeiCore
import RenkeiJapanese

/// A mapping bound to an input's columns: turns one row of cells into its normalized cells (the
/// clean standard CSV row) and its entity, or into findings saying why the row is rejected.
/// Pure and thread-safe, so blocks of rows are converted on all cores.
public struct ConversionPlan: Sendable {
  public let mapping: Mapping
  /// Where each mapping column is among the input's cells (nil: the input lacks it).
  let sourceIndexes: [Int?]
  /// The input's number of columns (CSV header width).
  let width: Int
  private let steps: [[Normalizer]]
  /// What each row needs of a column, without copying the column (and retaining its names,
  /// aliases and tables) for every row.
  private let kinds: [ColumnKind]

  private struct ColumnKind: Sendable {
    var type: Mapping.ColumnType
    var required: Bool
    var recodes: Bool
  }
  /// The id and the attributes' sources with columns resolved to positions, so no row looks a
  /// column up by name (hashing Japanese names costs more than the rest of a row).
  private let idParts: [CompiledSource.Part]
  private let sources: [CompiledSource]

  init(mapping: Mapping, sourceIndexes: [Int?], width: Int) {
    self.mapping = mapping
    self.sourceIndexes = sourceIndexes
    self.width = width
    var positions: [String: Int] = [:]
    for (index, column) in mapping.columns.enumerated() where positions[column.name] == nil {
      positions[column.name] = index
    }
    idParts = CompiledSource.parts(mapping.id, positions)
    sources = mapping.attributes.map { CompiledSource($0.source, positions) }
    kinds = mapping.columns.map { ColumnKind(type: $0.type, required: $0.required, recodes: !$0.values.isEmpty) }
    steps = mapping.columns.map { column in
      var steps = column.normalizers.filter { $0 != .trim }
      switch column.type {
      case .number, .integer: if !steps.contains(.numeric) { steps.insert(.numeric, at: 0) }
      case .date: if !steps.contains(.date) { steps.append(.date) }
      case .time: if !steps.contains(.time) { steps.append(.time) }
      case .boolean, .text: break
      }
      return steps
    }
  }

  /// One converted row.
  public struct Row: Sendable {
    /// The entity, or nil when the row is rejected (then `findings` holds an error).
    public var entity: ConvertedEntity?
    /// The normalized cells in the mapping's column order (empty text for no value).
    public var cells: [String]
    public var findings: [Finding]
  }

  /// Converts the cells of one row; `location` names the file, row and line.
  public func convert(_ input: [String], location: SourceLocation) -> Row {
    var context = RowContext(location: location, mappingName: mapping.name)
    let count = mapping.columns.count
    var cells = [String](repeating: "", count: count)
    var typed = [AttributeValue?](repeating: nil, count: count)
    for index in 0..<count {
      let column = kinds[index]
      guard let source = sourceIndexes[index], source < input.count else {
        if column.required { context.reject(ConvertRules.requiredMissing, name(index), [:]) }
        continue
      }
      var text = input[source].trimmingSpacesForConversion
      if text.isEmpty {
        if column.required { context.reject(ConvertRules.requiredMissing, name(index), [:]) }
        continue
      }
      let raw = text
      var problem: String?
      for step in steps[index] {
        switch step.apply(text) {
        case .value(let value): text = value
        case .invalid(let reason): problem = reason
        }
        if problem != nil { break }
      }
      if problem == nil, column.recodes, let replacement = mapping.columns[index].values[text] { text = replacement }
      var value: AttributeValue?
      if problem == nil {
        switch column.type {
        case .text, .date, .time: value = .text(text)
        case .number, .integer:
          if let lexeme = Self.numberLexeme(text, integer: column.type == .integer) {
            text = lexeme
            value = .number(lexeme)
          } else {
            problem = column.type == .integer ? "not an integer" : "not a number"
          }
        case .boolean:
          if let flag = Self.boolean(text) {
            text = flag ? "true" : "false"
            value = .bool(flag)
          } else {
            problem = "not a yes/no value (有/無, true/false)"
          }
        }
      }
      if let problem {
        let arguments = ["value": Self.excerpt(raw), "reason": problem]
        if column.required {
          context.reject(ConvertRules.requiredInvalid, name(index), arguments)
        } else {
          context.note(ConvertRules.valueInvalid, name(index), arguments)
        }
        continue
      }
      cells[index] = text
      typed[index] = value
    }
    var values = Values(cells: cells, typed: typed)
    // The id.
    var id = ""
    for part in idParts {
      switch part {
      case .literal(let literal): id += literal
      case .column(let column, let encoded):
        let value = values.text(column)
        if value.isEmpty {
          context.reject(ConvertRules.idIncomplete, name(column), ["template": mapping.id.source])
        }
        id += encoded ? Template.percentEncoded(value) : value
      }
    }
    guard !context.rejected else { return Row(entity: nil, cells: cells, findings: context.findings) }
    var attributes: [ConvertedEntity.Attribute] = []
    attributes.reserveCapacity(mapping.attributes.count)
    for (index, attribute) in mapping.attributes.enumerated() {
      guard let value = evaluate(sources[index], attribute.name, &values, &context) ?? attribute.empty else {
        continue
      }
      attributes.append(
        ConvertedEntity.Attribute(
          name: attribute.name, value: value, kind: attribute.kind, unitCode: attribute.unitCode, slot: index))
    }
    let entity = ConvertedEntity(id: id, type: mapping.entityType, attributes: attributes)
    return Row(entity: entity, cells: cells, findings: context.findings)
  }

  // MARK: - Attributes

  private struct Values {
    let cells: [String]
    let typed: [AttributeValue?]

    @inline(__always) func text(_ column: Int) -> String { column >= 0 ? cells[column] : "" }
    @inline(__always) func typed(_ column: Int) -> AttributeValue? { column >= 0 ? typed[column] : nil }
  }

  private struct RowContext {
    let location: SourceLocation
    let mappingName: String
    var findings: [Finding] = []
    var rejected = false

    mutating func reject(_ rule: Rule, _ column: String, _ arguments: [String: String]) {
      rejected = true
      note(rule, column, arguments)
    }

    mutating func note(_ rule: Rule, _ column: String, _ arguments: [String: String]) {
      var location = self.location
      location.field = column
      var all = arguments
      all["row"] = location.row.map(String.init) ?? "?"
      all["column"] = column
      all["mapping"] = mappingName
      findings.append(rule.finding(at: location, all))
    }
  }

  private func name(_ column: Int) -> String { column >= 0 ? mapping.columns[column].name : "?" }

  private func evaluate(
    _ source: CompiledSource, _ attribute: String, _ values: inout Values, _ context: inout RowContext
  ) -> AttributeValue? {
    switch source {
    case .column(let column): return values.typed(column)
    case .constant(let value): return value
    case .template(let parts):
      var text = ""
      for part in parts {
        switch part {
        case .literal(let literal): text += literal
        case .column(let column, let encoded):
          let value = values.text(column)
          if value.isEmpty { return nil }
          text += encoded ? Template.percentEncoded(value) : value
        }
      }
      return .text(text)
    case .lookup(let column, let table, let fallback):
      let value = values.text(column)
      if value.isEmpty { return nil }
      if let found = table[value] ?? fallback { return found }
      context.note(ConvertRules.lookupMissing, name(column), ["value": Self.excerpt(value), "attribute": attribute])
      return nil
    case .split(let column, let separators):
      let parts = values.text(column).split(whereSeparator: { separators.contains($0) })
        .map { String($0).trimmingSpacesForConversion }.filter { !$0.isEmpty }
      return parts.isEmpty ? nil : .list(parts.map { .text($0) })
    case .point(let latitudeColumn, let longitudeColumn):
      guard case .number(let latitude)? = values.typed(latitudeColumn),
        case .number(let longitude)? = values.typed(longitudeColumn)
      else { return nil }
      guard let lat = Double(latitude), let lon = Double(longitude), abs(lat) <= 90, abs(lon) <= 180 else {
        context.note(
          ConvertRules.valueInvalid, name(latitudeColumn),
          ["value": "\(latitude), \(longitude)", "reason": "not a latitude and longitude in degrees"])
        return nil
      }
      return .point(longitude: longitude, latitude: latitude)
    case .openingHours(let daysColumn, let opensColumn, let closesColumn):
      let daysText = values.text(daysColumn)
      let opens = values.text(opensColumn)
      let closes = values.text(closesColumn)
      guard !daysText.isEmpty, !opens.isEmpty || !closes.isEmpty else { return nil }
      guard case .success(let days) = Weekdays.parse(daysText) else {
        context.note(
          ConvertRules.valueInvalid, name(daysColumn), ["value": Self.excerpt(daysText), "reason": "not 曜日"])
        return nil
      }
      var names = days.days.sorted().map { Self.dayNames[$0 - 1] }
      if days.holidays { names.append("PublicHolidays") }
      return .list(
        names.map { day in
          var members = [AttributeValue.Member("dayOfWeek", .text(day))]
          if !opens.isEmpty { members.append(.init("opens", .text(Self.withSeconds(opens)))) }
          if !closes.isEmpty { members.append(.init("closes", .text(Self.withSeconds(closes)))) }
          return .object(members)
        })
    case .object(let members):
      var out: [AttributeValue.Member] = []
      for (memberName, member) in members {
        if let value = evaluate(member, attribute, &values, &context) { out.append(.init(memberName, value)) }
      }
      return out.isEmpty ? nil : .object(out)
    case .when(let column, let equals, let negated, let then, let otherwise):
      let value = values.text(column)
      var holds = equals.map { $0.contains(value) } ?? !value.isEmpty
      if negated { holds.toggle() }
      if holds { return evaluate(then, attribute, &values, &context) }
      return otherwise.flatMap { evaluate($0, attribute, &values, &context) }
    }
  }

  static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  static func withSeconds(_ time: String) -> String { time.count == 5 ? time + ":00" : time }

  // MARK: - Typing

  /// A JSON number lexeme for `text` (thousands separators and a leading `+` dropped, leading
  /// zeros removed), or nil.
  static func numberLexeme(_ text: String, integer: Bool) -> String? {
    if isCanonicalNumber(text, integer: integer) { return text }
    var bytes = Array(text.utf8)
    if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
    if bytes.contains(UInt8(ascii: ",")) {
      // 1,234,567 only: a comma before each group of three digits.
      let parts = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
      guard parts.dropFirst().allSatisfy({ $0.count >= 3 && $0.prefix(3).allSatisfy { (0x30...0x39).contains($0) } })
      else { return nil }
      bytes.removeAll { $0 == UInt8(ascii: ",") }
    }
    var index = 0
    var out: [UInt8] = []
    if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
      out.append(bytes[index])
      index += 1
    }
    let digitsStart = index
    while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
    var integerPart = Array(bytes[digitsStart..<index])
    while integerPart.count > 1 && integerPart.first == 0x30 { integerPart.removeFirst() }
    if integerPart.isEmpty {
      // ".5" → "0.5"
      guard index < bytes.count && bytes[index] == UInt8(ascii: ".") else { return nil }
      integerPart = [0x30]
    }
    out += integerPart
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      guard !integer else { return nil }
      let fractionStart = index + 1
      index += 1
      while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
      guard index > fractionStart else { return nil }
      out += bytes[(fractionStart - 1)..<index]
    }
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      guard !integer else { return nil }
      let exponentStart = index
      index += 1
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
      let digits = index
      while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
      guard index > digits else { return nil }
      out += bytes[exponentStart..<index]
    }
    guard index == bytes.count else { return nil }
    return String(decoding: out, as: UTF8.self)
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: already a JSON number as it stands (checked in place).
  static func isCanonicalNumber(_ text: String, integer: Bool) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var index = 0
      if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
      let start = index
      while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
      let digits = index - start
      guard digits > 0, digits == 1 || bytes[start] != 0x30 else { return false }
      if index == bytes.count { return true }
      guard !integer, bytes[index] == UInt8(ascii: ".") else { return false }
      index += 1
      let fraction = index
      while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
      return index > fraction && index == bytes.count
    }
  }

  static func boolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "有", "あり", "有り", "○", "〇", "true", "yes", "1": return true
    case "無", "なし", "無し", "×", "false", "no", "0": return false
    default: return nil
    }
  }

  static func excerpt(_ text: String) -> String {
    let flat = text.replacing("\n", with: "⏎")
    return flat.count > 40 ? String(flat.prefix(40)) + "…" : flat
  }
}
