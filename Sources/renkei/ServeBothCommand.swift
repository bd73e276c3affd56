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

  @OptionGroup var listen: ListenOptions
  @OptionGroup var contexts: ContextFetchingOption

  func run() throws {
    let broker = CombinedBroker(contextFetching: contexts.contextFetching)
    try listen.serveUntilSignalled({ host, port in try await broker.serve(host: host, port: port) }, baseURL: \.baseURL)
  }
}
