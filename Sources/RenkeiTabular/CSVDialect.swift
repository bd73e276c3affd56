/// How a delimited text file is laid out, as Frictionless Table Dialect describes it (the
/// properties that apply to delimited files). Properties left nil are detected from the data.
public struct CSVDialect: Sendable, Hashable {
  /// Where the header is.
  public enum Header: Sendable, Hashable {
    /// The first row with at least two non-empty cells, after any title or note rows.
    case detect
    /// These rows (1-based, in the file) form the header; several are joined cell by cell with
    /// `headerJoin` (Table Dialect `headerRows`).
    case rows([Int])
    /// The file has no header (Table Dialect `header: false`).
    case none
  }

  /// The field separator (an ASCII byte); nil to detect comma, tab, semicolon or vertical bar.
  public var delimiter: UInt8?
  /// The quote character; nil when fields are never quoted.
  public var quoteChar: UInt8?
  /// Whether a doubled quote inside a quoted field stands for one quote.
  public var doubleQuote: Bool
  /// A character that makes the next one literal (e.g. a backslash); none by default.
  public var escapeChar: UInt8?
  /// Whether spaces right after a delimiter are skipped.
  public var skipInitialSpace: Bool
  public var header: Header
  public var headerJoin: String
  /// Rows starting with this text are comments, not data.
  public var commentChar: String?
  /// Rows (1-based, in the file) that are comments, not data.
  public var commentRows: Set<Int>

  public init(
    delimiter: UInt8? = nil, quoteChar: UInt8? = UInt8(ascii: "\""), doubleQuote: Bool = true,
    escapeChar: UInt8? = nil, skipInitialSpace: Bool = false, header: Header = .detect, headerJoin: String = " ",
    commentChar: String? = nil, commentRows: Set<Int> = []
  ) {
    self.delimiter = delimiter
    self.quoteChar = quoteChar
    self.doubleQuote = doubleQuote
    self.escapeChar = escapeChar
    self.skipInitialSpace = skipInitialSpace
    self.header = header
    self.headerJoin = headerJoin
    self.commentChar = commentChar
    self.commentRows = commentRows
  }

  /// The delimiters tried when none is given, in order of preference on a tie.
  public static let candidateDelimiters: [UInt8] = [
    UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|"),
  ]

  /// Reads a delimiter as a command line names it: one ASCII character, or `tab`, `\t`,
  /// `comma`, `semicolon`, `pipe`.
  public static func delimiter(named name: String) -> UInt8? {
    switch name.lowercased() {
    case "tab", "\\t", "\t": return UInt8(ascii: "\t")
    case "comma": return UInt8(ascii: ",")
    case "semicolon": return UInt8(ascii: ";")
    case "pipe", "bar": return UInt8(ascii: "|")
    case "space": return UInt8(ascii: " ")
    default:
      let bytes = Array(name.utf8)
      guard bytes.count == 1, bytes[0] < 0x80, ![0x0A, 0x0D, UInt8(ascii: "\"")].contains(bytes[0]) else {
        return nil
      }
      return bytes[0]
    }
  }

  /// How reports name a delimiter byte: "comma", "tab", "';'".
  static func describe(delimiter: UInt8) -> String {
    switch delimiter {
    case UInt8(ascii: ","): return "comma"
    case UInt8(ascii: "\t"): return "tab"
    case UInt8(ascii: ";"): return "semicolon"
    case UInt8(ascii: "|"): return "vertical bar"
    case UInt8(ascii: " "): return "space"
    default: return "'\(Character(Unicode.Scalar(delimiter)))'"
    }
  }
}
