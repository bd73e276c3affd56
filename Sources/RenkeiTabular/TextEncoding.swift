/// A character encoding renkei reads tabular files in. Everything is converted to UTF-8 before
/// it is parsed, so the CSV tokenizer and the cell checks see one encoding only.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "UTF-8"
  /// Shift_JIS as Japanese Windows writes it: CP932 (Windows-31J), which adds the NEC special
  /// characters (①, №, ㈱, ㍻ ...), the NEC-selected IBM extensions and the IBM extensions to
  /// JIS X 0208. Plain Shift_JIS is a subset, so it is read the same way.
  case shiftJIS = "Shift_JIS"
  /// EUC-JP as eucJP-ms (JIS X 0208, JIS X 0212, half-width katakana and the same vendor
  /// extensions as CP932), a superset of plain EUC-JP.
  case eucJP = "EUC-JP"
  case utf16LE = "UTF-16LE"
  case utf16BE = "UTF-16BE"
  /// Windows-1252, the superset of ISO 8859-1 (Latin-1) that Western European files use.
  case windows1252 = "Windows-1252"

  /// The encoding a user or a descriptor names, accepting the usual aliases (`utf8`, `utf-8-sig`,
  /// `sjis`, `cp932`, `windows-31j`, `ms932`, `eucjp`, `utf-16le` ...). nil for unknown names.
  public init?(name: String) {
    let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
    switch key {
    case "utf8", "utf8sig", "utf8bom": self = .utf8
    case "shiftjis", "sjis", "cp932", "windows31j", "ms932", "mskanji", "xsjis", "shiftjisx0213": self = .shiftJIS
    case "eucjp", "eucjpms", "ujis", "cp51932", "xeucjp": self = .eucJP
    case "utf16le": self = .utf16LE
    case "utf16be": self = .utf16BE
    case "windows1252", "cp1252", "latin1", "iso88591", "l1", "xcp1252": self = .windows1252
    default: return nil
    }
  }

  /// The names `init(name:)` understands, for help texts.
  public static let acceptedNames = "utf-8, shift_jis (cp932), euc-jp, utf-16le, utf-16be, windows-1252 (latin1)"

  /// How reports name the encoding.
  public var displayName: String {
    switch self {
    case .utf8: return "UTF-8"
    case .shiftJIS: return "Shift_JIS (CP932)"
    case .eucJP: return "EUC-JP"
    case .utf16LE: return "UTF-16LE"
    case .utf16BE: return "UTF-16BE"
    case .windows1252: return "Windows-1252"
    }
  }

  /// The name glibc's iconv knows the encoding by (nil for UTF-8, which is never converted).
  var iconvName: String? {
    switch self {
    case .utf8: return nil
    case .shiftJIS: return "CP932"
    case .eucJP: return "EUC-JP-MS"
    case .utf16LE: return "UTF-16LE"
    case .utf16BE: return "UTF-16BE"
    case .windows1252: return "CP1252"
    }
  }

  /// The byte order mark of this encoding.
  var byteOrderMark: [UInt8] {
    switch self {
    case .utf8: return [0xEF, 0xBB, 0xBF]
    case .utf16LE: return [0xFF, 0xFE]
    case .utf16BE: return [0xFE, 0xFF]
    case .shiftJIS, .eucJP, .windows1252: return []
    }
  }
}
