import ArgumentParser
import Foundation
import RenkeiBroker

#if canImport(Glibc)
  import Glibc
#endif

/// `renkei serve`: local reference servers, one subcommand per face (ngsi-ld, ngsi-v2) and one for
/// both faces over one store (both).
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run a local reference server.",
    subcommands: [ServeNGSILDCommand.self, ServeNGSIv2Command.self, ServeBothCommand.self])
}

/// `renkei serve ngsi-ld`: the in-memory reference NGSI-LD broker, until interrupted.
struct ServeNGSILDCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ngsi-ld",
    abstract: "Run the in-memory reference NGSI-LD broker (ETSI GS CIM 009).",
    discussion: """
      Prints the URL it listens on (e.g. http://127.0.0.1:1026) as the first line of standard output,
      then serves /ngsi-ld/v1 until interrupted. Nothing is fetched from the network: @context URLs
      resolve to the built-in core context, contexts registered at /ngsi-ld/v1/jsonldContexts and,
      with --fetch-contexts loopback (the default), documents served on this machine.
      """)

  @OptionGroup var listen: ListenOptions
  @OptionGroup var contexts: ContextFetchingOption

  func run() throws {
    let broker = NGSILDBroker(contextFetching: contexts.contextFetching)
    try listen.serveUntilSignalled({ host, port in try await broker.serve(host: host, port: port) }, baseURL: \.baseURL)
  }

  /// A parent (a test runner, a CI step) may have started us with SIGTERM and SIGINT blocked or
  /// ignored, which would make the broker unkillable but by SIGKILL: restore their default action.
  static func restoreTerminationSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGTERM, SIGINT, SIGHUP] {
      sigaddset(&set, signal)
      _ = Glibc.signal(signal, SIG_DFL)
    }
    _ = sigprocmask(SIG_UNBLOCK, &set, nil)
  }
}
