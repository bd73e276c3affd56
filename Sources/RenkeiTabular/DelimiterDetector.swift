/// Chooses the delimiter of a file from a sample: the candidate (comma, tab, semicolon, vertical
/// bar) that splits the sample's rows into the same number of columns most consistently, with
/// more than one column; a comma when none does.
enum DelimiterDetector {
  static let sampleRecords = 64

  static func detect(_ sample: UnsafeBufferPointer<UInt8>, dialect: CSVDialect, isWholeFile: Bool) -> UInt8 {
    var best: (delimiter: UInt8, consistency: Double, width: Int)? = nil
    for candidate in CSVDialect.candidateDelimiters {
      let tokenizer = CSVTokenizer(dialect: dialect, delimiter: candidate)
      let batch = tokenizer.tokenize(
        sample, from: 0, to: sample.count, isFinal: isWholeFile, maxRecords: sampleRecords)
      var counts: [Int: Int] = [:]
      var records = 0
      for record in 0..<batch.count {
        let width = batch.fields(ofRecord: record).count
        guard width > 0 else { continue }
        counts[width, default: 0] += 1
        records += 1
      }
      guard records > 0,
        let (width, frequency) = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }),
        width > 1
      else { continue }
      let consistency = Double(frequency) / Double(records)
      if let current = best {
        // Clearly more consistent, or as consistent with more columns.
        let better =
          consistency > current.consistency + 0.1
          || (abs(consistency - current.consistency) <= 0.1 && width > current.width)
        if !better { continue }
      }
      best = (candidate, consistency, width)
    }
    return best?.delimiter ?? UInt8(ascii: ",")
  }
}
