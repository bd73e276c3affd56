import RenkeiJapanese
import RenkeiTabular

/// The check of one column's cells by the column's type. The common valid case is decided on
/// the UTF-8 bytes without making a string; only a cell that fails the fast test is looked at
/// closely to say what is wrong.
struct DatasetCellCheck: CellCheck {
  let column: DatasetProfile.Column
  let dataset: String
  /// The longitude column, for a latitude (to tell a swapped pair).
  let companionColumn: Int?
  /// Whether this is the longitude of a pair whose latitude is checked (a swap is reported there).
  let pairedLongitude: Bool

  func check(_ cell: UnsafeBufferPointer<UInt8>, companion: UnsafeBufferPointer<UInt8>?, into issues: inout [CellIssue])
  {
    if Self.isBlank(cell) {
      if column.required { issues.append(CellIssue(DatasetRules.required, ["dataset": dataset])) }
      return
    }
    switch column.type {
    case .text:
      return
    case .string:
      if WidthFolding.containsFullWidthDigits(cell) {
        let value = Self.string(cell)
        issues.append(
          CellIssue(
            DatasetRules.fullWidthDigitsInText,
            ["value": Self.excerpt(value), "folded": Self.excerpt(Self.foldDigits(value))]))
      }
    case .kana:
      guard !Katakana.isFullWidthKatakana(cell) else { return }
      var value = Self.string(cell)
      let trimmed = Self.trimmed(value)
      if trimmed != value {
        issues.append(
          CellIssue(DatasetRules.surroundingSpace, ["value": Self.excerpt(value), "trimmed": Self.excerpt(trimmed)]))
        value = trimmed
      }
      let verdict = Katakana.check(value)
      guard !verdict.isValid else { return }
      issues.append(
        CellIssue(
          DatasetRules.kana,
          [
            "value": Self.excerpt(value), "characters": Self.describe(verdict),
            "suggestion": verdict.suggestion.map { ": \($0)" } ?? "",
          ]))
    default:
      checkTyped(cell, companion: companion, into: &issues)
    }
  }

  /// Types whose values are digits: full-width digits are reported, then the folded value is
  /// checked so one cell gets one finding when folding is all it needs.
  private func checkTyped(
    _ cell: UnsafeBufferPointer<UInt8>, companion: UnsafeBufferPointer<UInt8>?, into issues: inout [CellIssue]
  ) {
    if fastValid(cell, companion: companion) { return }
    var value = Self.string(cell)
    let trimmed = Self.trimmed(value)
    if trimmed != value {
      issues.append(
        CellIssue(DatasetRules.surroundingSpace, ["value": Self.excerpt(value), "trimmed": Self.excerpt(trimmed)]))
      value = trimmed
      var copy = value
      if copy.withUTF8({ fastValid($0, companion: companion) }) { return }
    }
    var text = value
    if WidthFolding.containsFullWidthASCII(value) {
      let folded = WidthFolding.foldNumeric(value)
      issues.append(
        CellIssue(DatasetRules.fullWidthDigits, ["value": Self.excerpt(value), "folded": Self.excerpt(folded)]))
      var copy = folded
      if copy.withUTF8({ fastValid($0, companion: companion) }) { return }
      text = folded
    }
    var arguments = ["value": Self.excerpt(text)]
    switch column.type {
    case .lgcode:
      lgcode(text, &arguments, into: &issues)
    case .latitude, .longitude:
      coordinate(text, companion: companion, &arguments, into: &issues)
    case .date:
      date(text, &arguments, into: &issues)
    case .time:
      arguments["suggestion"] = Self.paddedTime(text).map { "; write \($0)" } ?? ""
      issues.append(CellIssue(DatasetRules.timeFormat, arguments))
    case .weekdays:
      if case .failure(let invalid) = Weekdays.parse(text) {
        arguments["parts"] = invalid.parts.map { "\"\($0)\"" }.joined(separator: ", ")
        issues.append(CellIssue(DatasetRules.weekdays, arguments))
      }
    case .phone:
      let problems = JapanesePhoneNumber.problems(text)
      guard !problems.isEmpty else { return }
      arguments["problem"] = problems.map(Self.describe).joined(separator: "; ")
      arguments["suggestion"] = JapanesePhoneNumber.normalized(text).map { " (here: \($0))" } ?? ""
      issues.append(CellIssue(DatasetRules.phone, arguments))
    case .url:
      issues.append(CellIssue(DatasetRules.url, arguments))
    case .integer:
      issues.append(CellIssue(DatasetRules.integer, arguments))
    case .number:
      issues.append(CellIssue(DatasetRules.number, arguments))
    case .corporateNumber:
      issues.append(CellIssue(DatasetRules.corporateNumber, arguments))
    case .presence:
      issues.append(CellIssue(DatasetRules.presence, arguments))
    case .string, .text, .kana:
      break
    }
  }

  // MARK: - Fast paths (no allocation)

  private func fastValid(_ cell: UnsafeBufferPointer<UInt8>, companion: UnsafeBufferPointer<UInt8>?) -> Bool {
    switch column.type {
    case .lgcode:
      return column.listed ? LocalGovernmentCode.isValid(cell) : Self.hasCheckDigit(cell)
    case .latitude:
      guard let value = JapanLatLon.decimalDegrees(cell) else { return false }
      return JapanLatLon.latitudeRange.contains(value)
    case .longitude:
      guard let value = JapanLatLon.decimalDegrees(cell) else { return false }
      if JapanLatLon.longitudeRange.contains(value) { return true }
      // A swapped pair is reported once, at the latitude.
      if pairedLongitude, JapanLatLon.latitudeRange.contains(value), let companion,
        let latitude = JapanLatLon.decimalDegrees(companion), JapanLatLon.longitudeRange.contains(latitude)
      {
        return true
      }
      return false
    case .date:
      return Self.isISODate(cell)
    case .time:
      return Self.isTime(cell)
    case .weekdays:
      return false
    case .phone:
      return Self.isPlainPhone(cell)
    case .url:
      return Self.isURL(cell)
    case .integer:
      return cell.allSatisfy { (0x30...0x39).contains($0) }
    case .number:
      return JapanLatLon.decimalDegrees(cell) != nil || (cell.count <= 20 && Self.isDecimal(cell))
    case .corporateNumber:
      return CorporateNumber.isValid(Self.string(cell))
    case .presence:
      // 有 E6 9C 89, 無 E7 84 A1.
      return cell.count == 3
        && ((cell[0] == 0xE6 && cell[1] == 0x9C && cell[2] == 0x89)
          || (cell[0] == 0xE7 && cell[1] == 0x84 && cell[2] == 0xA1))
    case .string, .text, .kana:
      return true
    }
  }

  static func hasCheckDigit(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard cell.count == 6 else { return false }
    var sum = 0
    for index in 0..<6 {
      guard (0x30...0x39).contains(cell[index]) else { return false }
      if index < 5 { sum += Int(cell[index] - 0x30) * (6 - index) }
    }
    return (11 - sum % 11) % 10 == Int(cell[5] - 0x30)
  }

  static func isISODate(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard cell.count == 10, cell[4] == UInt8(ascii: "-"), cell[7] == UInt8(ascii: "-") else { return false }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard (0x30...0x39).contains(cell[index]) else { return nil }
        value = value * 10 + Int(cell[index] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
    return WarekiDate.isValidDay(year, month, day)
  }

  /// HH:MM or HH:MM:SS, 00:00 to 23:59:59, and 24:00 (an end of day).
  static func isTime(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard cell.count == 5 || cell.count == 8, cell[2] == UInt8(ascii: ":") else { return false }
    func pair(_ at: Int) -> Int? {
      guard (0x30...0x39).contains(cell[at]), (0x30...0x39).contains(cell[at + 1]) else { return nil }
      return Int(cell[at] - 0x30) * 10 + Int(cell[at + 1] - 0x30)
    }
    guard let hour = pair(0), let minute = pair(3), minute < 60 else { return false }
    var second = 0
    if cell.count == 8 {
      guard cell[5] == UInt8(ascii: ":"), let value = pair(6), value < 60 else { return false }
      second = value
    }
    return hour < 24 || (hour == 24 && minute == 0 && second == 0)
  }

  static func isPlainPhone(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    guard cell.count <= 24 else { return false }
    return JapanesePhoneNumber.isPlainValid(cell)
  }

  static func isURL(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    // "http://" or "https://", compared without building arrays (this runs for every cell).
    guard cell.count > 8, cell[0] | 0x20 == UInt8(ascii: "h"), cell[1] | 0x20 == UInt8(ascii: "t"),
      cell[2] | 0x20 == UInt8(ascii: "t"), cell[3] | 0x20 == UInt8(ascii: "p")
    else { return false }
    var prefix = 4
    if cell[prefix] | 0x20 == UInt8(ascii: "s") { prefix += 1 }
    guard cell.count > prefix + 3, cell[prefix] == UInt8(ascii: ":"), cell[prefix + 1] == UInt8(ascii: "/"),
      cell[prefix + 2] == UInt8(ascii: "/")
    else { return false }
    prefix += 3
    // No spaces, no control characters, no full-width space; a host of at least one character.
    guard cell[prefix] != UInt8(ascii: "/") else { return false }
    var index = prefix
    while index < cell.count {
      let byte = cell[index]
      if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") { return false }
      if byte == 0xE3 && index + 2 < cell.count && cell[index + 1] == 0x80 && cell[index + 2] == 0x80 { return false }
      index += 1
    }
    return true
  }

  static func isDecimal(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    var digits = 0
    var dots = 0
    for (index, byte) in cell.enumerated() {
      if (0x30...0x39).contains(byte) {
        digits += 1
      } else if byte == UInt8(ascii: ".") {
        dots += 1
      } else if byte == UInt8(ascii: "-") && index == 0 {
        continue
      } else {
        return false
      }
    }
    return digits > 0 && dots <= 1
  }

  // MARK: - Explaining failures

  private func lgcode(_ text: String, _ arguments: inout [String: String], into issues: inout [CellIssue]) {
    func named(_ name: String?) -> String { name.map { " (\($0))" } ?? "" }
    switch LocalGovernmentCode.classify(text) {
    case .valid:
      return
    case .unknown:
      if column.listed { issues.append(CellIssue(DatasetRules.lgcodeUnknown, arguments)) }
    case .wrongCheckDigit(let expected):
      arguments["expected"] = expected
      arguments["name"] = named(LocalGovernmentCode.name(of: expected))
      issues.append(CellIssue(DatasetRules.lgcodeCheckDigit, arguments))
    case .missingCheckDigit(let code, let name):
      arguments["code"] = code
      arguments["name"] = named(name)
      issues.append(CellIssue(DatasetRules.lgcodeFiveDigit, arguments))
    case .lostLeadingZero(let code, let name):
      arguments["code"] = code
      arguments["name"] = named(name)
      issues.append(CellIssue(DatasetRules.lgcodeLeadingZero, arguments))
    case .malformed:
      issues.append(CellIssue(DatasetRules.lgcodeMalformed, arguments))
    }
  }

  private func coordinate(
    _ text: String, companion: UnsafeBufferPointer<UInt8>?, _ arguments: inout [String: String],
    into issues: inout [CellIssue]
  ) {
    guard let value = JapanLatLon.decimalDegrees(text) else {
      issues.append(CellIssue(DatasetRules.coordinateNotDecimal, arguments))
      return
    }
    let isLatitude = column.type == .latitude
    let range = isLatitude ? JapanLatLon.latitudeRange : JapanLatLon.longitudeRange
    if range.contains(value) { return }
    if isLatitude, JapanLatLon.longitudeRange.contains(value), let companion,
      let longitude = JapanLatLon.decimalDegrees(companion), JapanLatLon.latitudeRange.contains(longitude)
    {
      arguments["longitude"] = Self.string(companion)
      issues.append(CellIssue(DatasetRules.latLonSwapped, arguments))
      return
    }
    if !isLatitude, pairedLongitude, JapanLatLon.latitudeRange.contains(value), let companion,
      let latitude = JapanLatLon.decimalDegrees(companion), JapanLatLon.longitudeRange.contains(latitude)
    {
      return
    }
    arguments["range"] =
      isLatitude ? "Japan's latitudes are 20 to 46 degrees north" : "Japan's longitudes are 122 to 154 degrees east"
    issues.append(CellIssue(DatasetRules.coordinateOutsideJapan, arguments))
  }

  private func date(_ text: String, _ arguments: inout [String: String], into issues: inout [CellIssue]) {
    switch WarekiDate.parse(text) {
    case .success(let date):
      arguments["iso"] = date.iso
      if date.form == .iso { return }
      issues.append(CellIssue(date.era != nil ? DatasetRules.dateWareki : DatasetRules.dateNotISO, arguments))
    case .failure(let failure):
      switch failure {
      case .unrecognized:
        issues.append(CellIssue(DatasetRules.dateFormat, arguments))
        return
      case .noSuchDay(let year, let month, let day):
        arguments["reason"] = "month \(month) of \(year) has no day \(day)"
        if !(1...12).contains(month) { arguments["reason"] = "there is no month \(month)" }
      case .beforeEra(let era, let iso):
        arguments["reason"] = "\(iso) is before \(era.kanji) began (\(Self.isoOf(era.start)))"
      case .afterEra(let era, let iso):
        arguments["reason"] = "\(era.kanji) ended on \(Self.isoOf(era.end!)); \(iso) is in the next era"
      case .lunisolar(let era, let year):
        arguments["reason"] =
          "\(era.kanji)\(year)年 is before 1873, when Japan still used the lunisolar calendar; the Western date cannot be computed from it"
      }
      issues.append(CellIssue(DatasetRules.dateInvalid, arguments))
    }
  }

  // MARK: - Helpers

  static func isoOf(_ day: (year: Int, month: Int, day: Int)) -> String {
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(day.year)-\(pad(day.month))-\(pad(day.day))"
  }

  /// `9:00` → `09:00`; nil when padding does not make a time.
  static func paddedTime(_ text: String) -> String? {
    var candidate = WidthFolding.toHalfWidthASCII(text).replacing("：", with: ":")
    if candidate.count == 4 || candidate.count == 7 { candidate = "0" + candidate }
    guard candidate != text else { return nil }
    var copy = candidate
    return copy.withUTF8 { isTime($0) } ? candidate : nil
  }

  static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < cell.count {
      let byte = cell[index]
      if byte == 0x20 || byte == 0x09 {
        index += 1
      } else if byte == 0xE3 && index + 2 < cell.count && cell[index + 1] == 0x80 && cell[index + 2] == 0x80 {
        index += 3
      } else {
        return false
      }
    }
    return true
  }

  /// Without ASCII and ideographic spaces and tabs around it.
  static func trimmed(_ value: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
    guard let first = value.firstIndex(where: { !isSpace($0) }), let last = value.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(value[first...last])
  }

  static func string(_ cell: UnsafeBufferPointer<UInt8>) -> String { String(decoding: cell, as: UTF8.self) }

  static func excerpt(_ value: String) -> String {
    let text = value.count > 80 ? String(value.prefix(80)) + "…" : value
    return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? "⏎" : $0 })
  }

  /// Full-width digits to half-width, the rest as it is.
  static func foldDigits(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(WidthFolding.isFullWidthDigit(scalar) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar)
    }
    return String(out)
  }

  static func describe(_ verdict: Katakana.Verdict) -> String {
    let shown = verdict.offending.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
    var kinds: [String] = []
    if verdict.hasHalfWidthKatakana { kinds.append("half-width katakana") }
    if verdict.hasHiragana { kinds.append("hiragana") }
    return shown + (verdict.offending.count > 8 ? " …" : "")
      + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
  }

  static func describe(_ problem: JapanesePhoneNumber.Problem) -> String {
    switch problem {
    case .fullWidth: return "full-width characters"
    case .otherSeparator(let character): return "\"\(character)\" as a separator (use \"-\")"
    case .missingLeadingZero(let number): return "\(number) does not start with 0"
    case .digitCount(let number, let count): return "\(number) has \(count) digits (10 or 11 expected)"
    case .unexpectedText(let text): return "\"\(text)\" is not part of a telephone number"
    case .misplacedParentheses(let number): return "the brackets in \(number) are not around the area code"
    }
  }
}
