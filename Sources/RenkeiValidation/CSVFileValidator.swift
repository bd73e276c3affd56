import RenkeiCore
import RenkeiDatasets
import RenkeiTabular

/// Validates a delimited text file (CSV, TSV) with RenkeiTabular: the encoding, the structure of
/// every row and, with a Table Schema, the header's labels, every cell and the keys. The file is
/// read in blocks (constant memory) and each block is checked on all cores.
public struct CSVFileValidator: Sendable {
  public var options: TableValidator.Options

  public init(options: TableValidator.Options = TableValidator.Options()) {
    self.options = options
  }

  /// Throws only when the file cannot be read; problems in the data are findings. The item
  /// count is the number of data rows.
  public func validate(path: String) throws -> Report.Subject {
    let report = try TableValidator(options: options).validate(path: path)
    // A dataset profile's NO/ID uniqueness is reported in the dataset's terms.
    let findings = options.profile == nil ? report.findings : DatasetFindings.rewrite(report.findings)
    return Report.Subject(path: path, format: InputFormat.csv.rawValue, itemCount: report.rowCount, findings: findings)
  }
}
