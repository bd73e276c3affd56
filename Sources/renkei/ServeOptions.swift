import ArgumentParser
import Foundation
import RenkeiBroker

/// Where a `renkei serve` subcommand listens, and the serving loop they share.
struct ListenOptions: ParsableArguments {
  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0 picks a free one).")
  var port = 1026

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  /// Starts the server, prints its URL as the first line of standard output (unbuffered, so a
  /// parent process reads it at once) and serves until a signal ends the process.
  func serveUntilSignalled<Server: Sendable>(
    _ start: @escaping @Sendable (_ host: String, _ port: Int) async throws -> Server, baseURL: (Server) -> String
  ) throws {
    // A parent may have started us with SIGTERM blocked.
    ServeNGSILDCommand.restoreTerminationSignals()
    let host = self.host
    let port = self.port
    let server = try AsyncBridge.run { try await start(host, port) }
    FileHandleOutput.standardOutput(baseURL(server) + "\n")
    // Serve until a signal ends the process.
    withExtendedLifetime(server) {
      while true { sleep(3600) }
    }
  }
}

/// The NGSI-LD face's choice of which remote @context documents it may fetch.
struct ContextFetchingOption: ParsableArguments {
  @Option(help: "Which remote @context URLs the NGSI-LD face may fetch: none, loopback or any.")
  var fetchContexts = "loopback"

  func validate() throws {
    guard NGSILDBroker.ContextFetching(rawValue: fetchContexts) != nil else {
      throw ValidationError("--fetch-contexts must be none, loopback or any")
    }
  }

  var contextFetching: NGSILDBroker.ContextFetching {
    NGSILDBroker.ContextFetching(rawValue: fetchContexts) ?? .loopback
  }
}
