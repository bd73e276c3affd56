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

  @OptionGroup var listen: ListenOptions

  func run() throws {
    let broker = NGSIv2Broker()
    try listen.serveUntilSignalled({ host, port in try await broker.serve(host: host, port: port) }, baseURL: \.baseURL)
  }
}
