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
  private let types: [Mapping.ColumnType]

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
    let positions = CompiledSource.positions(mapping)
    idParts = CompiledSource.parts(mapping.id, positions)
    sources = mapping.attributes.map { CompiledSource($0.source, positions) }
    kinds = mapping.columns.map { ColumnKind(type: $0.type, required: $0.required, recodes: !$0.values.isEmpty) }
    types = mapping.columns.map(\.type)
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
    convert(RowCells(input), location: location)
  }

  public func convert(_ input: RowCells, location: SourceLocation) -> Row {
    let prepared = prepare(input, location: location)
    var context = prepared.context
    let cells = (0..<mapping.columns.count).map { prepared.values.text($0) }
    guard !context.rejected else { return Row(entity: nil, cells: cells, findings: context.findings) }
    var values = prepared.values
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
    let entity = ConvertedEntity(id: prepared.id, type: mapping.entityType, attributes: attributes)
    return Row(entity: entity, cells: cells, findings: context.findings)
  }

  /// A row's cells normalized and typed and its id made, before its attributes are: the part of a
  /// conversion every target shares. `context.rejected` says the row has no entity.
  struct PreparedRow {
    var values: Values
    var id: String
    var context: RowContext
  }

  func prepare(_ input: RowCells, location: SourceLocation) -> PreparedRow {
    var context = RowContext(location: location, mappingName: mapping.name)
    let count = mapping.columns.count
    var arena = input
    // nil: no value (empty, or rejected by its normalizer or type).
    var cells = [Range<Int>?](repeating: nil, count: count)
    for index in 0..<count {
      let column = kinds[index]
      guard let source = sourceIndexes[index], source < input.count else {
        if column.required { context.reject(ConvertRules.requiredMissing, name(index), [:]) }
        continue
      }
      // Most values are already standard: they stay where they are, as bytes.
      let (range, standard) = arena.bytes.withUnsafeBufferPointer { bytes in
        let range = Self.trimmed(bytes, input.ranges[source])
        return (range, isStandard(UnsafeBufferPointer(rebasing: bytes[range]), index))
      }
      if range.isEmpty {
        if column.required { context.reject(ConvertRules.requiredMissing, name(index), [:]) }
        continue
      }
      if standard {
        cells[index] = range
        continue
      }
      let raw = arena.string(range)
      switch normalized(raw, index) {
      case .success(let text): cells[index] = arena.store(text)
      case .failure(let problem):
        let arguments = ["value": Self.excerpt(raw), "reason": problem.reason]
        if column.required {
          context.reject(ConvertRules.requiredInvalid, name(index), arguments)
        } else {
          context.note(ConvertRules.valueInvalid, name(index), arguments)
        }
      }
    }
    let values = Values(arena: arena.bytes, cells: cells, types: types)
    var id: [UInt8] = []
    values.arena.withUnsafeBufferPointer { arena in
      for part in idParts {
        switch part {
        case .literal(let literal): id.append(contentsOf: literal.utf8)
        case .column(let column, let encoded):
          guard column >= 0, let range = values.cells[column], !range.isEmpty else {
            context.reject(ConvertRules.idIncomplete, name(column), ["template": mapping.id.source])
            continue
          }
          let value = UnsafeBufferPointer(rebasing: arena[range])
          if encoded { Template.percentEncode(value, into: &id) } else { id.append(contentsOf: value) }
        }
      }
    }
    return PreparedRow(values: values, id: String(decoding: id, as: UTF8.self), context: context)
  }

  /// Why a value cannot be read as its column says.
  struct Problem: Error {
    var reason: String
  }

  /// Whether the column's normalizers and type would leave `bytes` as they are (then the value
  /// needs no string and no rebuilding).
  private func isStandard(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let column = kinds[index]
    guard !column.recodes else { return false }
    for step in steps[index] where !step.isStandard(bytes) { return false }
    switch column.type {
    case .text, .date, .time: return true
    case .number, .integer: return Self.isCanonicalNumber(bytes, integer: column.type == .integer)
    case .boolean: return false
    }
  }

  /// A trimmed value through its column's normalizers, value table and type.
  private func normalized(_ raw: String, _ index: Int) -> Result<String, Problem> {
    let column = kinds[index]
    var text = raw
    for step in steps[index] {
      switch step.apply(text) {
      case .value(let value): text = value
      case .invalid(let reason): return .failure(Problem(reason: reason))
      }
    }
    if column.recodes, let replacement = mapping.columns[index].values[text] { text = replacement }
    switch column.type {
    case .text, .date, .time: return .success(text)
    case .number, .integer:
      guard let lexeme = Self.numberLexeme(text, integer: column.type == .integer) else {
        return .failure(Problem(reason: column.type == .integer ? "not an integer" : "not a number"))
      }
      return .success(lexeme)
    case .boolean:
      guard let flag = Self.boolean(text) else {
        return .failure(Problem(reason: "not a yes/no value (有/無, true/false)"))
      }
      return .success(flag ? "true" : "false")
    }
  }

  /// `range` without leading and trailing ASCII whitespace and ideographic spaces (U+3000, E3 80
  /// 80), as String.trimmingSpacesForConversion trims.
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    var start = range.lowerBound
    var end = range.upperBound
    while start < end {
      if isSpace(bytes[start]) {
        start += 1
      } else if end - start >= 3 && bytes[start] == 0xE3 && bytes[start + 1] == 0x80 && bytes[start + 2] == 0x80 {
        start += 3
      } else {
        break
      }
    }
    while end > start {
      if isSpace(bytes[end - 1]) {
        end -= 1
      } else if end - start >= 3 && bytes[end - 3] == 0xE3 && bytes[end - 2] == 0x80 && bytes[end - 1] == 0x80 {
        end -= 3
      } else {
        break
      }
    }
    return start..<end
  }

  // MARK: - Attributes

  /// A row's normalized cells, as ranges of one buffer; a cell's typed value follows from its
  /// column's type (numbers and booleans are already JSON lexemes), so no typed copy is made for
  /// each row.
  struct Values {
    let arena: [UInt8]
    let cells: [Range<Int>?]
    let types: [Mapping.ColumnType]

    func text(_ column: Int) -> String {
      guard column >= 0, let range = cells[column] else { return "" }
      return String(decoding: arena[range], as: UTF8.self)
    }

    func typed(_ column: Int) -> AttributeValue? {
      guard column >= 0, cells[column] != nil else { return nil }
      let text = text(column)
      switch types[column] {
      case .text, .date, .time: return .text(text)
      case .number, .integer: return .number(text)
      case .boolean: return .bool(text == "true")
      }
    }
  }

  struct RowContext {
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

  func name(_ column: Int) -> String { column >= 0 ? mapping.columns[column].name : "?" }

  func evaluate(
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
      return coordinates(latitudeColumn, longitudeColumn, values, &context).map {
        .point(longitude: $0.longitude, latitude: $0.latitude)
      }
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
      if holds(column, equals, negated, values) { return evaluate(then, attribute, &values, &context) }
      return otherwise.flatMap { evaluate($0, attribute, &values, &context) }
    }
  }

  /// The lexemes of a point's coordinates, when both columns hold numbers in range (a finding
  /// when they do not).
  func coordinates(
    _ latitudeColumn: Int, _ longitudeColumn: Int, _ values: Values, _ context: inout RowContext
  ) -> (longitude: String, latitude: String)? {
    guard latitudeColumn >= 0, longitudeColumn >= 0,
      types[latitudeColumn] == .number || types[latitudeColumn] == .integer,
      types[longitudeColumn] == .number || types[longitudeColumn] == .integer,
      values.cells[latitudeColumn] != nil, values.cells[longitudeColumn] != nil
    else { return nil }
    let latitude = values.text(latitudeColumn)
    let longitude = values.text(longitudeColumn)
    guard Self.magnitude(of: latitude, isAtMost: 90), Self.magnitude(of: longitude, isAtMost: 180) else {
      context.note(
        ConvertRules.valueInvalid, name(latitudeColumn),
        ["value": "\(latitude), \(longitude)", "reason": "not a latitude and longitude in degrees"])
      return nil
    }
    return (longitude, latitude)
  }

  /// A `when` condition: the column equals one of `equals`, or (without `equals`) has a value.
  func holds(_ column: Int, _ equals: [String]?, _ negated: Bool, _ values: Values) -> Bool {
    let value = values.text(column)
    let holds = equals.map { $0.contains(value) } ?? !value.isEmpty
    return holds != negated
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
    return text.withUTF8 { isCanonicalNumber($0, integer: integer) }
  }

  static func isCanonicalNumber(_ bytes: UnsafeBufferPointer<UInt8>, integer: Bool) -> Bool {
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

  /// Whether the number lexeme's absolute value is at most `limit` (read from its digits
  /// unless it has an exponent).
  static func magnitude(of lexeme: String, isAtMost limit: Int) -> Bool {
    var integer = 0
    var fractionIsZero = true
    var inFraction = false
    for byte in lexeme.utf8 {
      switch byte {
      case UInt8(ascii: "-") where !inFraction && integer == 0: continue
      case UInt8(ascii: "."): inFraction = true
      case 0x30...0x39:
        if inFraction {
          if byte != 0x30 { fractionIsZero = false }
        } else {
          integer = integer * 10 + Int(byte - 0x30)
          if integer > limit { return false }
        }
      default: return Double(lexeme).map { abs($0) <= Double(limit) } ?? false
      }
    }
    return integer < limit || fractionIsZero
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
