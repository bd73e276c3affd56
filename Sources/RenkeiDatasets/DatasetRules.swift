import RenkeiCore

/// The rules of the Japanese dataset profiles. `dataset-*` rules are about the file and its
/// header against the template; `jp-*` rules about cell values, each citing the GIF core data
/// part or the rule it follows.
public enum DatasetRules {
  static func gif(_ clause: String, _ url: String? = nil) -> SpecReference {
    SpecReference(
      document: "デジタル庁 GIF コアデータパーツ", clause: clause,
      url: url ?? "https://www.digital.go.jp/policies/data_strategy_government_interoperability_framework")
  }
  static let lgcodeSpec = SpecReference(
    document: "JIS X 0402 (全国地方公共団体コード)", clause: "検査数字",
    url: "https://www.soumu.go.jp/denshijiti/code.html")
  static let machineReadability = SpecReference(
    document: "デジタル庁 機械判読可能なデータの表記方法の統一ルール", clause: "1-3 (数値は半角)",
    url: "https://github.com/digital-go-jp/machine_readability_rule")
  static let template = SpecReference(
    document: "デジタル庁 推奨データセット / 自治体標準オープンデータセット", clause: "項目定義",
    url: "https://www.digital.go.jp/resources/open_data/municipal-standard-data-set-test")

  // MARK: - The file and its header

  public static let selected = Rule(
    id: "dataset-selected", severity: .info, spec: template,
    message: "Checked as the {dataset} dataset ({title}, {edition}): {reason}.")
  public static let fileNameCode = Rule(
    id: "dataset-filename-code", severity: .warning, spec: lgcodeSpec,
    message: "The file name starts with {code}, which {problem}.",
    fix: "Name the file {expected}, after the six-digit 全国地方公共団体コード of the publishing body.")
  public static let headerNearMiss = Rule(
    id: "dataset-header-near-miss", severity: .error, spec: template,
    message: "Column {fieldNumber} is \"{label}\", which stands for the template's \"{expected}\": {difference}.",
    fix: "Rename the column to \"{expected}\" exactly (copy it from the template).")
  public static let headerMissing = Rule(
    id: "dataset-header-missing", severity: .error, spec: template,
    message: "The header has no column \"{expected}\" (column {expectedNumber} of the {dataset} template).",
    fix: "Add the column \"{expected}\" (empty if there is nothing to write) at position {expectedNumber}.")
  public static let headerExtra = Rule(
    id: "dataset-header-extra", severity: .warning, spec: template,
    message: "Column {fieldNumber} (\"{label}\") is not a column of the {dataset} template.",
    fix: "Remove the column, or publish it as a separate file; the template's columns are fixed.")
  public static let headerOrder = Rule(
    id: "dataset-header-order", severity: .warning, spec: template,
    message:
      "Column {fieldNumber} (\"{label}\") is out of the template's order: the template has it as column {expectedNumber}.",
    fix: "Put the columns in the template's order.")

  // MARK: - Cells

  public static let required = Rule(
    id: "jp-required", severity: .error, spec: template,
    message: "\"{field}\" is required in the {dataset} dataset, but the cell is empty.",
    fix: "Fill in \"{field}\".")
  public static let unique = Rule(
    id: "jp-unique", severity: .error,
    spec: SpecReference(
      document: "VLED FAQ (推奨データセットの NO)", clause: "qa049", url: "https://vled.or.jp/faq/opendata//qa049"),
    message: "\"{value}\" in \"{field}\" repeats row {firstRow}; {field} identifies a row and must be unique.",
    fix: "Give every row its own {field}, and never reuse the number of a deleted row.")
  public static let fullWidthDigits = Rule(
    id: "jp-full-width-digits", severity: .error, spec: machineReadability,
    message: "\"{value}\" in \"{field}\" has full-width digits or signs; write {folded}.",
    fix: "Write digits, hyphens and brackets half-width ({folded}).")
  public static let fullWidthDigitsInText = Rule(
    id: "jp-full-width-digits-in-text", severity: .warning, spec: machineReadability,
    message:
      "\"{value}\" in \"{field}\" has full-width digits; machine-readable data writes them half-width: {folded}.",
    fix: "Write {folded}.")
  public static let surroundingSpace = Rule(
    id: "jp-surrounding-space", severity: .warning, spec: machineReadability,
    message: "\"{value}\" in \"{field}\" has a space before or after the value.",
    fix: "Remove the spaces: \"{trimmed}\".")
  public static let lgcodeMalformed = Rule(
    id: "jp-lgcode-malformed", severity: .error, spec: lgcodeSpec,
    message: "\"{value}\" in \"{field}\" is not a 全国地方公共団体コード (six half-width digits).",
    fix: "Write the six-digit code with its check digit, e.g. 222127 for 焼津市.")
  public static let lgcodeCheckDigit = Rule(
    id: "jp-lgcode-check-digit", severity: .error, spec: lgcodeSpec,
    message: "{value} in \"{field}\" has a wrong check digit: the code with the right one is {expected}{name}.",
    fix: "Write {expected}, or check the first five digits.")
  public static let lgcodeFiveDigit = Rule(
    id: "jp-lgcode-five-digit", severity: .error, spec: lgcodeSpec,
    message: "{value} in \"{field}\" is the five-digit code without its check digit; the full code is {code}{name}.",
    fix: "Write {code}.")
  public static let lgcodeLeadingZero = Rule(
    id: "jp-lgcode-leading-zero", severity: .error, spec: lgcodeSpec,
    message: "{value} in \"{field}\" has lost its leading zero; the code is {code}{name}.",
    fix: "Write {code}, and keep the column as text so spreadsheet software does not drop the zero.")
  public static let lgcodeUnknown = Rule(
    id: "jp-lgcode-unknown", severity: .error, spec: lgcodeSpec,
    message: "{value} in \"{field}\" has a valid check digit but is no current 全国地方公共団体コード.",
    fix: "Use the code of the municipality as it is now (merged municipalities have new codes).")
  public static let coordinateNotDecimal = Rule(
    id: "jp-coordinate-not-decimal", severity: .error, spec: gif("DS-444 地理座標"),
    message: "\"{value}\" in \"{field}\" is not a coordinate in decimal degrees.",
    fix: "Write decimal degrees with a dot, e.g. 34.866918 (not degrees, minutes and seconds).")
  public static let coordinateOutsideJapan = Rule(
    id: "jp-coordinate-outside-japan", severity: .error, spec: gif("DS-444 地理座標"),
    message: "{value} in \"{field}\" is outside Japan ({range}).",
    fix: "Check the coordinate (JGD2011 decimal degrees).")
  public static let latLonSwapped = Rule(
    id: "jp-latlon-swapped", severity: .error, spec: gif("DS-444 地理座標"),
    message:
      "Latitude {value} and longitude {longitude} are swapped: the latitude is in Japan's longitude range and the longitude in its latitude range.",
    fix: "Exchange the two values: 緯度 {longitude}, 経度 {value}.")
  public static let dateWareki = Rule(
    id: "jp-date-wareki", severity: .error, spec: gif("DS-441 日時 (日付)"),
    message: "\"{value}\" in \"{field}\" is a Japanese-era date; write {iso}.",
    fix: "Write dates as YYYY-MM-DD in the Western calendar: {iso}.")
  public static let dateNotISO = Rule(
    id: "jp-date-not-iso", severity: .error, spec: gif("DS-441 日時 (日付)"),
    message: "\"{value}\" in \"{field}\" is not written YYYY-MM-DD; write {iso}.",
    fix: "Write {iso} (four-digit year, two-digit month and day, hyphens).")
  public static let dateInvalid = Rule(
    id: "jp-date-invalid", severity: .error, spec: gif("DS-441 日時 (日付)"),
    message: "\"{value}\" in \"{field}\" is no real date: {reason}.",
    fix: "Check the date.")
  public static let dateFormat = Rule(
    id: "jp-date-format", severity: .error, spec: gif("DS-441 日時 (日付)"),
    message: "\"{value}\" in \"{field}\" is not a date (YYYY-MM-DD).",
    fix: "Write one date as YYYY-MM-DD, e.g. 2023-04-01; put remarks in a remarks column.")
  public static let timeFormat = Rule(
    id: "jp-time-format", severity: .error, spec: gif("DS-441 日時 (時刻)"),
    message: "\"{value}\" in \"{field}\" is not a time HH:MM or HH:MM:SS{suggestion}.",
    fix: "Write the time with two-digit hours and minutes, 24-hour clock, e.g. 09:00 or 17:30.")
  public static let weekdays = Rule(
    id: "jp-weekdays-invalid", severity: .error, spec: gif("DS-441 日時 (曜日)"),
    message: "\"{value}\" in \"{field}\" is not a list of days of the week: {parts} names no day.",
    fix: "Write the days as kanji (月火水木金, 土日祝) or as codes (12345); put remarks in the remarks column.")
  public static let phone = Rule(
    id: "jp-phone-format", severity: .error, spec: gif("DS-445 電話番号 §1"),
    message: "\"{value}\" in \"{field}\" is not a telephone number as DS-445 writes it: {problem}.",
    fix:
      "Write half-width digits with hyphens, the area code optionally in brackets: (054)626-1139 or 054-626-1139{suggestion}."
  )
  public static let kana = Rule(
    id: "jp-kana-not-katakana", severity: .error, spec: template,
    message: "\"{value}\" in \"{field}\" is not full-width katakana: it has {characters}.",
    fix: "Write the reading in full-width katakana{suggestion}.")
  public static let url = Rule(
    id: "jp-url-invalid", severity: .error, spec: template,
    message: "\"{value}\" in \"{field}\" is not an http or https URL.",
    fix: "Write one absolute URL starting with https:// (or http://).")
  public static let integer = Rule(
    id: "jp-integer-format", severity: .error, spec: machineReadability,
    message: "\"{value}\" in \"{field}\" is not a whole number.",
    fix: "Write only the number in half-width digits (units and remarks go elsewhere).")
  public static let number = Rule(
    id: "jp-number-format", severity: .error, spec: machineReadability,
    message: "\"{value}\" in \"{field}\" is not a number.",
    fix: "Write only the number in half-width digits, with a dot as decimal mark.")
  public static let corporateNumber = Rule(
    id: "jp-corporate-number", severity: .error,
    spec: SpecReference(
      document: "法人番号の指定等に関する省令", clause: "2 (検査用数字)", url: "https://www.houjin-bangou.nta.go.jp/"),
    message: "\"{value}\" in \"{field}\" is not a 法人番号 (13 digits with a valid check digit).",
    fix: "Copy the 13-digit number from the 国税庁法人番号公表サイト.")
  public static let presence = Rule(
    id: "jp-presence-value", severity: .error, spec: template,
    message: "\"{value}\" in \"{field}\" is neither 有 nor 無.",
    fix: "Write 有 or 無 (details go in the remarks column).")

  /// Every rule, for documentation and tests.
  public static let all: [Rule] = [
    selected, fileNameCode, headerNearMiss, headerMissing, headerExtra, headerOrder, required, unique,
    fullWidthDigits, fullWidthDigitsInText, surroundingSpace, lgcodeMalformed, lgcodeCheckDigit, lgcodeFiveDigit,
    lgcodeLeadingZero,
    lgcodeUnknown, coordinateNotDecimal, coordinateOutsideJapan, latLonSwapped, dateWareki, dateNotISO, dateInvalid,
    dateFormat, timeFormat, weekdays, phone, kana, url, integer, number, corporateNumber, presence,
  ]
}
