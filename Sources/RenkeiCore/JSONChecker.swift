/// Checks many JSON texts on one thread without building documents: the parser's buffers are
/// reused from one text to the next, and nothing is allocated for a clean text. Use it where
/// most inputs are expected to be clean (JSON Lines); parse a text again with `JSONParser` to
/// explain one that is not.
public final class JSONChecker {
  public enum Verdict: Sendable, Equatable {
    /// Valid, with nothing to report.
    case clean
    /// Valid, with non-fatal issues (duplicate names, unpaired surrogates, a byte order mark).
    case issues
  }

  public let maxDepth: Int
  private var tape = EntryBuffer<TapeEntry>(capacity: 1024)
  private var stack = EntryBuffer<Scanner.Frame>(capacity: 64)
  private var keyScratch = EntryBuffer<Int>(capacity: 64)

  public init(maxDepth: Int = JSONParser.Options().maxDepth) { self.maxDepth = maxDepth }

  deinit {
    tape.deallocate()
    stack.deallocate()
    keyScratch.deallocate()
  }

  /// Throws the first syntax error (positions counted from `firstLine`).
  public func check(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) throws(JSONSyntaxError) -> Verdict {
    var scanner = Scanner(bytes, maxDepth: maxDepth, tape: tape, stack: stack, keyScratch: keyScratch)
    defer {
      // The scanner may have grown the buffers; keep the grown ones.
      tape = scanner.tape
      stack = scanner.stack
      keyScratch = scanner.keyScratch
    }
    do throws(Scanner.Failure) {
      try scanner.run()
    } catch {
      throw JSONParser.error(error.rule, error.arguments, at: error.offset, in: bytes, firstLine: firstLine)
    }
    return scanner.issues.isEmpty ? .clean : .issues
  }
}
