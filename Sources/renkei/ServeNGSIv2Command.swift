import ArgumentParser
import Foundation
import RenkeiBroker

/// `renkei serve ngsi-v2`: the in-memory reference NGSI v2 broker, until interrupted.
struct ServeNGSIv2Command: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ngsi-v2",
    abstract: "Run the in-memory reference NGSI v2 broker (FIWARE Orion API).",
    discussion: """
      Prints the URL it listens on (e.g. http://127.0.0.1:1026) as the first line of standard output,
      then serves /v2 until interrupted: entities, attributes, types, batch operations and
      subscriptions with HTTP notifications, per Fiware-Service and Fiware-ServicePath.
      """)

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free one).")
  var port = 1026

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  func run() throws {
    // Shared with ngsi-ld: a parent may have started us with SIGTERM blocked.
    ServeNGSILDCommand.restoreTerminationSignals()
    let broker = NGSIv2Broker()
    let host = self.host
    let port = self.port
    let server = try AsyncBridge.run { try await broker.serve(host: host, port: port) }
    // Unbuffered, so a parent process reads the URL at once.
    FileHandleOutput.standardOutput(server.baseURL + "\n")
    // Serve until a signal ends the process.
    while true { sleep(3600) }
  }
}
