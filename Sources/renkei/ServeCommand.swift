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

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free one).")
  var port = 1026

  @Option(help: "Which remote @context URLs may be fetched: none, loopback or any.")
  var fetchContexts = "loopback"

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    guard NGSILDBroker.ContextFetching(rawValue: fetchContexts) != nil else {
      throw ValidationError("--fetch-contexts must be none, loopback or any")
    }
  }

  func run() throws {
    Self.restoreTerminationSignals()
    let broker = NGSILDBroker(contextFetching: NGSILDBroker.ContextFetching(rawValue: fetchContexts) ?? .loopback)
    let host = self.host
    let port = self.port
    let server = try AsyncBridge.run { try await broker.serve(host: host, port: port) }
    // Unbuffered, so a parent process reads the URL at once.
    FileHandleOutput.standardOutput(server.baseURL + "\n")
    // Serve until a signal ends the process.
    while true { sleep(3600) }
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
