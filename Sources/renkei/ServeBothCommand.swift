import ArgumentParser
import Foundation
import RenkeiBroker

/// `renkei serve both`: the NGSI-LD and NGSI v2 faces on one port over one store, until interrupted.
struct ServeBothCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "both",
    abstract: "Run both reference broker faces (NGSI-LD and NGSI v2) on one port over one store.",
    discussion: """
      Prints the URL it listens on (e.g. http://127.0.0.1:1026) as the first line of standard output,
      then serves /ngsi-ld/v1 (NGSI-LD) and /v2 (NGSI v2) until interrupted. Both faces share one
      in-memory store: an entity created through one face is visible through the other (the
      representation mapping is in the README), Fiware-Service and NGSILD-Tenant name the same
      tenant, and a change made through either face fires the subscriptions of both.
      """)

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free one).")
  var port = 1026

  @Option(help: "Which remote @context URLs the NGSI-LD face may fetch: none, loopback or any.")
  var fetchContexts = "loopback"

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    guard NGSILDBroker.ContextFetching(rawValue: fetchContexts) != nil else {
      throw ValidationError("--fetch-contexts must be none, loopback or any")
    }
  }

  func run() throws {
    // Shared with ngsi-ld: a parent may have started us with SIGTERM blocked.
    ServeNGSILDCommand.restoreTerminationSignals()
    let broker = CombinedBroker(contextFetching: NGSILDBroker.ContextFetching(rawValue: fetchContexts) ?? .loopback)
    let host = self.host
    let port = self.port
    let server = try AsyncBridge.run { try await broker.serve(host: host, port: port) }
    // Unbuffered, so a parent process reads the URL at once.
    FileHandleOutput.standardOutput(server.baseURL + "\n")
    // Serve until a signal ends the process.
    while true { sleep(3600) }
  }
}
