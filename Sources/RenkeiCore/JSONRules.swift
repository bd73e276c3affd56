/// The rules the JSON parser enforces, with their English templates.
public enum JSONRules {
  static func rule(_ id: String, _ clause: String, _ message: String, fix: String) -> Rule {
    rule(id, .error, clause, message, fix: fix)
  }

  static func rule(
    _ id: String, _ severity: Severity, _ clause: String, _ message: String, fix: String
  ) -> Rule {
    Rule(id: id, severity: severity, spec: .rfc8259(clause), message: message, fix: fix)
  }

  public static let empty = rule(
    "json-empty", "2", "The file holds no JSON value.",
    fix: "Write exactly one JSON value (an object, array, string, number, true, false or null).")
  public static let unexpectedEnd = rule(
    "json-unexpected-end", "2", "The JSON text ends too early: {expected} was expected.",
    fix: "Complete the value; an unclosed bracket or string usually starts further up.")
  public static let unexpectedCharacter = rule(
    "json-unexpected-character", "2", "Unexpected {found}; {expected} was expected here.",
    fix: "Correct the JSON syntax at this point.")
  public static let trailingContent = rule(
    "json-trailing-content", "2", "Unexpected {found} after the end of the JSON value.",
    fix: "A JSON text is one value; wrap several values in an array, or write one per line as JSON Lines (.jsonl).")
  public static let trailingComma = rule(
    "json-trailing-comma", "4", "A comma before '{closer}' is not allowed (trailing comma).",
    fix: "Remove the comma after the last element.")
  public static let missingComma = rule(
    "json-missing-comma", "2", "A ',' is missing before {found}.",
    fix: "Separate the elements of an array and the members of an object with commas.")
  public static let unquotedKey = rule(
    "json-unquoted-key", "4", "Object member names must be double-quoted strings; found {found}.",
    fix: "Quote the member name with double quotes, e.g. \"name\": value.")
  public static let missingColon = rule(
    "json-missing-colon", "4", "A ':' must follow the member name; found {found}.",
    fix: "Write name and value as \"name\": value.")
  public static let comment = rule(
    "json-comment", "2", "Comments are not part of JSON.",
    fix: "Remove the comment, or move the remark into a string member.")
  public static let singleQuote = rule(
    "json-single-quote", "7", "Strings must be enclosed in double quotes, not single quotes.",
    fix: "Replace the single quotes with double quotes.")
  public static let nonFiniteNumber = rule(
    "json-non-finite-number", "6", "{found} is not a JSON number; NaN and Infinity are not allowed.",
    fix: "Use null, or a string, for values that are not finite numbers.")
  public static let leadingZero = rule(
    "json-leading-zero", "6", "Numbers must not have leading zeros ({found}).",
    fix: "Remove the leading zeros, or quote the value if it is a code (e.g. \"01\").")
  public static let invalidNumber = rule(
    "json-invalid-number", "6", "Malformed number: {detail}.",
    fix: "Write numbers as -?digits[.digits][e[+-]digits], e.g. -12.5e3.")
  public static let unterminatedString = rule(
    "json-unterminated-string", "7", "The string starting here is never closed.",
    fix: "Add the closing double quote; a raw line break inside a string must be written as \\n.")
  public static let controlCharacter = rule(
    "json-control-character", "7", "Control character {found} must be escaped inside a string.",
    fix: "Write it as an escape such as \\n, \\t or \\u001f.")
  public static let invalidEscape = rule(
    "json-invalid-escape", "7", "Invalid escape sequence {found}.",
    fix: "Only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX (four hex digits) are allowed.")
  public static let invalidUTF8 = rule(
    "json-invalid-utf8", "8.1", "Invalid UTF-8 byte sequence ({found}).",
    fix: "JSON exchanged between systems must be UTF-8; re-save the file as UTF-8 (it may be Shift_JIS).")
  public static let notUTF8 = rule(
    "json-not-utf8", "8.1", "The file is encoded as {encoding}; JSON must be UTF-8.",
    fix: "Re-save the file as UTF-8 without a byte order mark.")
  public static let tooDeep = rule(
    "json-too-deep", "9", "Nesting is deeper than the limit of {limit} levels.",
    fix: "Flatten the structure, or raise the limit with --max-depth.")
  public static let tooLarge = rule(
    "json-too-large", "9", "The document is larger than {limit} bytes, the most one JSON document may have here.",
    fix: "Split the data, e.g. as JSON Lines with one document per line.")

  public static let duplicateKey = rule(
    "json-duplicate-key", .warning, "4",
    "Duplicate member name \"{key}\" (first at line {firstLine}, column {firstColumn}); receivers may keep either value.",
    fix: "Keep one member with this name.")
  public static let loneSurrogate = rule(
    "json-lone-surrogate", .warning, "8.2",
    "The string contains an unpaired UTF-16 surrogate escape ({found}); it is not a Unicode character.",
    fix: "Escape characters outside the BMP as a surrogate pair (\\ud83d\\ude00) or write them as UTF-8.")
  public static let byteOrderMark = rule(
    "json-byte-order-mark", .warning, "8.1", "The file starts with a UTF-8 byte order mark.",
    fix: "Save the file as UTF-8 without BOM; RFC 8259 forbids adding one.")

  public static let all: [Rule] = [
    empty, unexpectedEnd, unexpectedCharacter, trailingContent, trailingComma, missingComma, unquotedKey,
    missingColon, comment, singleQuote, nonFiniteNumber, leadingZero, invalidNumber,
    unterminatedString, controlCharacter, invalidEscape, invalidUTF8, notUTF8, tooDeep, tooLarge,
    duplicateKey, loneSurrogate, byteOrderMark,
  ]
}
