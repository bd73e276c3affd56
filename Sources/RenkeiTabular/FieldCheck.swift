import RenkeiCore

/// A field compiled for checking cells: its reader, its missing values, and its constraints with
/// bounds and `enum` values already read with the field's type. Immutable and shared by all
/// worker threads.
///
/// Two common kinds of field take a fast path that makes no logical value: text (`string` with
/// the default format, `any`) checked for length and pattern on its bytes, and numbers checked
/// against bounds without an `enum` or a key.
final class FieldCheck: Sendable {
  /// A constraint a cell can break.
  enum Constraint: Sendable {
    case required
    case minLength
    case maxLength
    case minimum
    case maximum
    case exclusiveMinimum
    case exclusiveMaximum
    case pattern
    case enumeration
    case categories
    case arrayItem

    var rule: Rule {
      switch self {
      case .required: return TabularRules.required
      case .minLength: return TabularRules.minLength
      case .maxLength: return TabularRules.maxLength
      case .minimum: return TabularRules.minimum
      case .maximum: return TabularRules.maximum
      case .exclusiveMinimum: return TabularRules.exclusiveMinimum
      case .exclusiveMaximum: return TabularRules.exclusiveMaximum
      case .pattern: return TabularRules.pattern
      case .enumeration: return TabularRules.enumeration
      case .categories: return TabularRules.categories
      case .arrayItem: return TabularRules.arrayItem
      }
    }
  }

  /// A constraint the cell breaks; `length` and `detail` feed its message.
  struct Violation: Sendable {
    var constraint: Constraint
    var length: Int = 0
    var detail: String = ""
  }

  /// What a cell turned out to be.
  enum Outcome {
    case missing
    case invalid
    case valid
  }

  private enum Path: Sendable {
    case text
    case decimal
    case general
  }

  let field: TableField
  let reader: ValueReader
  /// Cell texts that mean "missing" (the field's own, or the schema's).
  let missingValues: [[UInt8]]
  let emptyIsMissing: Bool
  let required: Bool
  let minLength: Int?
  let maxLength: Int?
  let minimum: LogicalValue?
  let maximum: LogicalValue?
  let exclusiveMinimum: LogicalValue?
  let exclusiveMaximum: LogicalValue?
  let pattern: XSDRegex?
  let enumValues: [LogicalValue]?
  let categories: [LogicalValue]?
  let itemCheck: FieldCheck?
  /// Whether a valid cell's logical value is needed (for a constraint, or because the field is
  /// part of a key).
  let needsValue: Bool
  private let path: Path
  private let numberParser: NumberParser
  private let decimalBounds: (DecimalNumber?, DecimalNumber?, DecimalNumber?, DecimalNumber?)
  private let hasLengths: Bool
  private let hasBounds: Bool
  /// The bounds as small decimals, when every bound given is one (nil otherwise).
  private let smallBounds: SmallBounds?

  private struct SmallBounds: Sendable {
    var minimum: SmallDecimal?
    var maximum: SmallDecimal?
    var exclusiveMinimum: SmallDecimal?
    var exclusiveMaximum: SmallDecimal?
  }

  init(field: TableField, schemaMissingValues: [String], keyed: Bool) {
    self.field = field
    reader = ValueReader(field)
    let missing = field.missingValues ?? schemaMissingValues
    missingValues = missing.map { Array($0.utf8) }
    emptyIsMissing = missing.contains("")
    let constraints = field.constraints
    required = constraints.required
    minLength = constraints.minLength
    maxLength = constraints.maxLength
    let reader = self.reader
    func bound(_ value: JSONValue?) -> LogicalValue? { value.flatMap { reader.read(constraint: $0) } }
    minimum = bound(constraints.minimum)
    maximum = bound(constraints.maximum)
    exclusiveMinimum = bound(constraints.exclusiveMinimum)
    exclusiveMaximum = bound(constraints.exclusiveMaximum)
    pattern = constraints.pattern.flatMap { try? XSDRegex($0) }
    enumValues = constraints.enumValues.map { $0.compactMap { reader.read(constraint: $0) } }
    categories = field.categories.map { $0.compactMap { reader.read(constraint: $0) } }
    itemCheck = field.arrayItem.map { FieldCheck(field: $0.field, schemaMissingValues: [], keyed: false) }
    hasLengths = minLength != nil || maxLength != nil
    hasBounds = minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil
    let isText = (field.type == .string && field.format == "default") || field.type == .any
    let isNumber = field.type == .number || field.type == .integer
    let simple = !keyed && enumValues == nil && categories == nil && itemCheck == nil
    if isText && simple {
      path = .text
    } else if isNumber && simple {
      path = .decimal
    } else {
      path = .general
    }
    numberParser = NumberParser(
      decimalChar: Array(field.decimalChar.utf8), groupChar: Array(field.groupChar.utf8), bareNumber: field.bareNumber,
      integer: field.type == .integer)
    func decimal(_ value: LogicalValue?) -> DecimalNumber? {
      if case .number(let number)? = value { return number }
      return nil
    }
    decimalBounds = (decimal(minimum), decimal(maximum), decimal(exclusiveMinimum), decimal(exclusiveMaximum))
    let bounds = [minimum, maximum, exclusiveMinimum, exclusiveMaximum]
    let small = bounds.map { bound in bound.flatMap { decimal($0)?.small } }
    let representable = zip(bounds, small).allSatisfy { $0 == nil || $1 != nil }
    smallBounds =
      representable
      ? SmallBounds(minimum: small[0], maximum: small[1], exclusiveMinimum: small[2], exclusiveMaximum: small[3]) : nil
    needsValue =
      keyed || hasBounds || (hasLengths && !isText) || enumValues != nil || categories != nil || itemCheck != nil
  }

  /// Whether the cell is one of the missing values.
  @inline(__always)
  func isMissing(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    if cell.isEmpty { return emptyIsMissing }
    for value in missingValues where value.count == cell.count && value.elementsEqual(cell) { return true }
    return false
  }

  /// Reads the cell and checks the constraints, in frictionless's order (required, length,
  /// range, pattern, enum); a cell of the wrong type is not checked further. A valid cell's
  /// logical value is stored in `value` when the field needs it (`needsValue`).
  func check(_ cell: UnsafeBufferPointer<UInt8>, value: inout LogicalValue?, violations: inout [Violation]) -> Outcome {
    if isMissing(cell) {
      if required { violations.append(Violation(constraint: .required)) }
      return .missing
    }
    switch path {
    case .text:
      if hasLengths { checkLength(Self.characterCount(cell), violations: &violations) }
      if pattern?.matches(utf8: cell) == false { violations.append(Violation(constraint: .pattern)) }
      return .valid
    case .decimal:
      if case .small(let number) = numberParser.quick(cell), let bounds = smallBounds {
        if hasBounds { checkSmallBounds(number, bounds, violations: &violations) }
        return .valid
      }
      guard let number = numberParser.parse(cell) else { return .invalid }
      if hasBounds { checkDecimalBounds(number, violations: &violations) }
      return .valid
    case .general:
      let result = reader.read(cell, materialize: needsValue)
      guard case .valid(let logical) = result else { return .invalid }
      checkValue(logical, cell: cell, violations: &violations)
      value = logical
      return .valid
    }
  }

  private func checkLength(_ length: Int, violations: inout [Violation]) {
    if let minLength, length < minLength { violations.append(Violation(constraint: .minLength, length: length)) }
    if let maxLength, length > maxLength { violations.append(Violation(constraint: .maxLength, length: length)) }
  }

  @inline(__always)
  private func checkSmallBounds(_ number: SmallDecimal, _ bounds: SmallBounds, violations: inout [Violation]) {
    if let limit = bounds.minimum, SmallDecimal.compare(number, limit) < 0 {
      violations.append(Violation(constraint: .minimum))
    }
    if let limit = bounds.maximum, SmallDecimal.compare(number, limit) > 0 {
      violations.append(Violation(constraint: .maximum))
    }
    if let limit = bounds.exclusiveMinimum, SmallDecimal.compare(number, limit) <= 0 {
      violations.append(Violation(constraint: .exclusiveMinimum))
    }
    if let limit = bounds.exclusiveMaximum, SmallDecimal.compare(number, limit) >= 0 {
      violations.append(Violation(constraint: .exclusiveMaximum))
    }
  }

  private func checkDecimalBounds(_ number: DecimalNumber, violations: inout [Violation]) {
    // A value that cannot be compared (NaN) does not satisfy a bound.
    if let limit = decimalBounds.0, !((DecimalNumber.compare(number, limit) ?? -1) >= 0) {
      violations.append(Violation(constraint: .minimum))
    }
    if let limit = decimalBounds.1, !((DecimalNumber.compare(number, limit) ?? 1) <= 0) {
      violations.append(Violation(constraint: .maximum))
    }
    if let limit = decimalBounds.2, !((DecimalNumber.compare(number, limit) ?? 0) > 0) {
      violations.append(Violation(constraint: .exclusiveMinimum))
    }
    if let limit = decimalBounds.3, !((DecimalNumber.compare(number, limit) ?? 0) < 0) {
      violations.append(Violation(constraint: .exclusiveMaximum))
    }
  }

  /// The constraints on a valid value, in frictionless's order: length, bounds, pattern, enum.
  private func checkValue(_ value: LogicalValue?, cell: UnsafeBufferPointer<UInt8>?, violations: inout [Violation]) {
    if hasLengths, let length = value?.length ?? cell.map(Self.characterCount) {
      checkLength(length, violations: &violations)
    }
    if hasBounds, let value {
      if let limit = minimum, !((LogicalValue.compare(value, limit) ?? -1) >= 0) {
        violations.append(Violation(constraint: .minimum))
      }
      if let limit = maximum, !((LogicalValue.compare(value, limit) ?? 1) <= 0) {
        violations.append(Violation(constraint: .maximum))
      }
      if let limit = exclusiveMinimum, !((LogicalValue.compare(value, limit) ?? 0) > 0) {
        violations.append(Violation(constraint: .exclusiveMinimum))
      }
      if let limit = exclusiveMaximum, !((LogicalValue.compare(value, limit) ?? 0) < 0) {
        violations.append(Violation(constraint: .exclusiveMaximum))
      }
    }
    if let pattern {
      let matches: Bool
      if let cell {
        matches = pattern.matches(utf8: cell)
      } else if case .text(let text)? = value {
        matches = pattern.matches(text)
      } else {
        matches = true
      }
      if !matches { violations.append(Violation(constraint: .pattern)) }
    }
    guard let value else { return }
    if let enumValues, !enumValues.contains(where: { LogicalValue.equal($0, value) }) {
      violations.append(Violation(constraint: .enumeration))
    }
    if let categories, !categories.contains(where: { LogicalValue.equal($0, value) }) {
      violations.append(Violation(constraint: .categories))
    }
    if let itemCheck, case .json(let text, _) = value {
      checkItems(text, with: itemCheck, violations: &violations)
    }
  }

  /// `arrayItem`: every item of the array, read and checked as a cell of the item field.
  private func checkItems(_ text: String, with itemCheck: FieldCheck, violations: inout [Violation]) {
    var bytes = Array(text.utf8)
    guard let array = bytes.withUnsafeMutableBufferPointer({ JSONCell.parse(UnsafeBufferPointer($0)) }) else { return }
    for element in array.elements {
      let item = JSONWriter().string(element)
      guard let outcome = itemCheck.reader.read(json: element) else {
        if itemCheck.required { violations.append(Violation(constraint: .arrayItem, detail: "an item is null")) }
        continue
      }
      guard case .valid(let value) = outcome, let value else {
        violations.append(
          Violation(constraint: .arrayItem, detail: "\(item) is not a valid \(itemCheck.field.type.rawValue)"))
        continue
      }
      var itemViolations: [Violation] = []
      itemCheck.checkValue(value, cell: nil, violations: &itemViolations)
      for violation in itemViolations {
        let name = violation.constraint.rule.spec?.clause.split(separator: " ").last.map(String.init) ?? "a constraint"
        violations.append(Violation(constraint: .arrayItem, detail: "\(item) breaks \(name)"))
      }
    }
  }

  /// The arguments of a violation's message (besides field, value and position).
  func arguments(of violation: Violation) -> [String: String] {
    let unit: String
    switch field.type {
    case .object: unit = "member"
    case .array, .list: unit = "item"
    default: unit = "character"
    }
    switch violation.constraint {
    case .required:
      return [:]
    case .minLength:
      return ["length": Quantity.of(violation.length, unit), "limit": Quantity.of(minLength ?? 0, unit)]
    case .maxLength:
      return ["length": Quantity.of(violation.length, unit), "limit": Quantity.of(maxLength ?? 0, unit)]
    case .minimum: return ["limit": minimum.map(Self.describe) ?? ""]
    case .maximum: return ["limit": maximum.map(Self.describe) ?? ""]
    case .exclusiveMinimum: return ["limit": exclusiveMinimum.map(Self.describe) ?? ""]
    case .exclusiveMaximum: return ["limit": exclusiveMaximum.map(Self.describe) ?? ""]
    case .pattern: return ["pattern": pattern?.pattern ?? ""]
    case .enumeration: return ["allowed": Self.list(enumValues ?? [])]
    case .categories: return ["allowed": Self.list(categories ?? [])]
    case .arrayItem: return ["detail": violation.detail]
    }
  }

  /// Unicode scalars in UTF-8 bytes (Python's `len` of the string).
  static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// A logical value as messages show it.
  static func describe(_ value: LogicalValue) -> String {
    switch value {
    case .text(let text): return "\"\(text)\""
    case .number(let number): return number.canonical
    case .boolean(let flag): return flag ? "true" : "false"
    case .date(let day): return dateText(day)
    case .time(let instant): return timeText(instant.seconds)
    case .dateTime(let instant):
      let day = Int((Double(instant.seconds) / 86_400).rounded(.down))
      return dateText(day) + "T" + timeText(instant.seconds - day * 86_400)
    case .year(let year): return "\(year)"
    case .yearMonth(let value):
      let year = Int((Double(value) / 12).rounded(.down))
      return "\(year)-" + pad(value - year * 12 + 1)
    case .duration, .geopoint, .json, .list: return value.key
    }
  }

  static func list(_ values: [LogicalValue]) -> String {
    let shown = values.prefix(10).map(describe).joined(separator: ", ")
    return values.count > 10 ? shown + ", … (\(values.count) values)" : shown
  }

  private static func dateText(_ day: Int) -> String {
    // Inverse of CivilCalendar.dayNumber (Howard Hinnant's civil_from_days).
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let d = dayOfYear - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
    return "\(y)-\(pad(m))-\(pad(d))"
  }

  private static func timeText(_ seconds: Int) -> String {
    let s = ((seconds % 86_400) + 86_400) % 86_400
    return "\(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60))"
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
