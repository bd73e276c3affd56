internal import CLibXML2
import RenkeiCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process-wide libxml2 setup and the hooks that keep it from reading anything it was not
/// given: the parser is initialised once, its default printing to stderr is silenced, and
/// every external entity load goes through `loadExternalEntity`.
///
/// libxml2 calls the entity loader on the thread that parses, so the policy's input is per
/// thread: `withCollector` marks the current thread as compiling a schema or checking a
/// document, and `ExternalEntityPolicy` decides; loads outside any session are refused. The
/// one-time setup runs under the lock Swift takes for lazy globals.
///
/// Members here are typed with libxml2's C types; keep tests away from them (see
/// `ExternalEntityPolicy`).
enum LibXML2 {
  /// The loader libxml2 had before ours; it does the actual loading of permitted local files.
  /// Captured by `setUp` before ours replaces it.
  private static let defaultLoader: xmlExternalEntityLoader? = {
    xmlInitParser()
    return xmlGetExternalEntityLoader()
  }()

  private static let setUp: Void = {
    _ = defaultLoader
    xmlSetExternalEntityLoader(loadExternalEntity)
    // Defaults for threads that start using libxml2 later; `prepareThread` covers the caller.
    xmlThrDefSetGenericErrorFunc(nil, silentGenericError)
    xmlThrDefSetStructuredErrorFunc(nil, silentStructuredError)
  }()

  /// The thread-local slot holding the collector of the parse running on this thread.
  private static let sessionKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  /// Initialises libxml2 once and silences its error printing on the calling thread (libxml2
  /// keeps error handlers per thread). Call before any other libxml2 function.
  static func prepareThread() {
    _ = setUp
    xmlSetGenericErrorFunc(nil, silentGenericError)
    xmlSetStructuredErrorFunc(nil, silentStructuredError)
  }

  /// Runs `body` with `collector` as this thread's parse session: libxml2 errors that are not
  /// routed to a parser's own handler, and refused entity loads, are recorded there.
  static func withCollector<T>(_ collector: XMLErrorCollector, _ body: () throws -> T) rethrows -> T {
    prepareThread()
    let previous = pthread_getspecific(sessionKey)
    let pointer = Unmanaged.passUnretained(collector).toOpaque()
    pthread_setspecific(sessionKey, pointer)
    xmlSetStructuredErrorFunc(pointer, collectError)
    defer {
      pthread_setspecific(sessionKey, previous)
      xmlSetStructuredErrorFunc(previous, previous == nil ? silentStructuredError : collectError)
    }
    return try withExtendedLifetime(collector) { try body() }
  }

  /// The collector of the parse running on this thread, if any.
  static var currentCollector: XMLErrorCollector? {
    pthread_getspecific(sessionKey).map { Unmanaged<XMLErrorCollector>.fromOpaque($0).takeUnretainedValue() }
  }

  /// Structured error handler; `context` is an unretained `XMLErrorCollector`.
  static let collectError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
  }

  private static let silentStructuredError: xmlStructuredErrorFunc = { _, _ in }

  /// libxml2's generic handler is variadic, which Swift cannot declare; a function that takes
  /// (and ignores) only the fixed arguments is call-compatible, so it is passed as an opaque
  /// pointer.
  private static let ignoreGenericError: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = {
    _, _ in
  }
  private static var silentGenericError: OpaquePointer { unsafeBitCast(ignoreGenericError, to: OpaquePointer.self) }

  /// The entity loader: local files while compiling a schema, nothing else, ever.
  static let loadExternalEntity: xmlExternalEntityLoader = { url, id, context in
    let target = url.map { String(cString: $0) } ?? (id.map { String(cString: $0) } ?? "")
    let collector = LibXML2.currentCollector
    if ExternalEntityPolicy.permits(target, compilingSchema: collector?.purpose == .schema),
      let load = LibXML2.defaultLoader
    {
      return load(url, id, context)
    }
    var position: SourcePosition? = nil
    if let input = context?.pointee.input?.pointee, input.line > 0 {
      position = SourcePosition(line: Int(input.line), column: max(1, Int(input.col)))
    }
    collector?.recordRefusedLoad(target, at: position)
    return nil
  }

  /// Parser options for documents being checked: no network, and none of the options that
  /// load DTDs or substitute entities (NOENT, DTDLOAD, DTDATTR, DTDVALID) or lift the
  /// parser's size and amplification limits (HUGE).
  static let instanceOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
}
