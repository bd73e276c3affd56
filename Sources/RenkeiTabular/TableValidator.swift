#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Validates delimited text files (CSV, TSV): decodes them (detecting the encoding), finds the
/// delimiter and the header, checks the structure of every row and, with a Table Schema, every
/// cell, the header's labels and the keys. Files of any size are read block by block in constant
/// memory (apart from the values `unique` and key constraints must remember), and each block is
/// tokenized and checked on all cores.
public struct TableValidator: Sendable {
  public struct Options: Sendable {
    public var dialect: CSVDialect
    /// The encoding to read; nil to detect it.
    public var encoding: TextEncoding?
    public var schema: TableSchema?
    /// Threads that tokenize and check blocks.
    public var workers: Int
    /// Bytes read per block.
    public var blockSize: Int
    /// A row longer than this without a line break is cut (an unclosed quote is assumed when the
    /// row is inside a quoted field).
    public var maxRecordBytes: Int
    /// Findings listed per rule and file; the others are counted in one `csv-findings-limited`
    /// finding per rule (0: no limit). frictionless stops at 1,000 errors in all by default.
    public var maxFindingsPerRule: Int
    /// Checks beyond the schema, planned once the header is read (a dataset profile).
    public var profile: (any TableProfile)? = nil

    public init(
      dialect: CSVDialect = CSVDialect(), encoding: TextEncoding? = nil, schema: TableSchema? = nil,
      workers: Int = TableValidator.availableCores, blockSize: Int = 8 << 20, maxRecordBytes: Int = 16 << 20,
      maxFindingsPerRule: Int = 1000
    ) {
      self.dialect = dialect
      self.encoding = encoding
      self.schema = schema
      self.workers = max(1, workers)
      self.blockSize = max(4096, blockSize)
      self.maxRecordBytes = max(1024, maxRecordBytes)
      self.maxFindingsPerRule = max(0, maxFindingsPerRule)
    }
  }

  public let options: Options
  private let compiled: CompiledTableSchema?

  public init(options: Options = Options()) {
    self.options = options
    compiled = options.schema.map(CompiledTableSchema.init)
  }

  /// The cores this process may run on.
  public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// Validates the file at `path`. Throws only when it cannot be read; problems in the data
  /// are findings.
  public func validate(path: String) throws(TableReadError) -> TableReport {
    var source = try FileByteSource(path: path)
    return try TableRun(options: options, schema: compiled, file: path).run(&source)
  }

  /// Validates bytes in memory (`file` names them in findings).
  public func validate(bytes: [UInt8], file: String? = nil) -> TableReport {
    var source = MemoryByteSource(bytes)
    do {
      return try TableRun(options: options, schema: compiled, file: file).run(&source)
    } catch {
      // A memory source cannot fail.
      return TableReport(
        file: file, findings: [], rowCount: 0, encoding: nil, delimiter: nil, headerRows: [], labels: nil)
    }
  }
}
