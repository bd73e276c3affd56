internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// A small HTTP/1.1 server: renkei's reference broker, notification receiver, mock context sources
/// and test servers all run on it. Each request is read whole (up to `maximumBodySize`) and handed to
/// an async handler; keep-alive and pipelining follow the client.
public final class HTTPServer: Sendable {
  public typealias Handler = @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage

  /// The port actually bound (useful with port 0).
  public let port: Int
  public let host: String
  private let channel: any Channel
  private let serving: Task<Void, Never>

  private init(host: String, port: Int, channel: any Channel, serving: Task<Void, Never>) {
    self.host = host
    self.port = port
    self.channel = channel
    self.serving = serving
  }

  /// The base URL clients reach this server at, e.g. `http://127.0.0.1:40123`.
  public var baseURL: String {
    host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
  }

  /// Binds and starts serving. Port 0 picks a free port; read it from `port`.
  public static func start(
    host: String = "127.0.0.1", port: Int = 0, maximumBodySize: Int = 16 << 20,
    handler: @escaping Handler
  ) async throws -> HTTPServer {
    let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
      .bind(host: host, port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
          return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
            wrappingChannelSynchronously: channel)
        }
      }
    let boundPort = server.channel.localAddress?.port ?? port
    let underlying = server.channel
    let serving = Task<Void, Never> {
      await withDiscardingTaskGroup { group in
        do {
          try await server.executeThenClose { inbound in
            for try await connection in inbound {
              group.addTask {
                await serve(connection, maximumBodySize: maximumBodySize, handler: handler)
              }
            }
          }
        } catch {
          // The listener closed (shutdown); open connections finish their current request.
        }
      }
    }
    return HTTPServer(host: host, port: boundPort, channel: underlying, serving: serving)
  }

  /// Stops accepting connections and waits until the listener is closed.
  public func shutdown() async {
    try? await channel.close()
    serving.cancel()
    await serving.value
  }

  private static func serve(
    _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, maximumBodySize: Int,
    handler: Handler
  ) async {
    try? await connection.executeThenClose { inbound, outbound in
      var head: HTTPRequestHead?
      var body: [UInt8] = []
      var tooLarge = false
      for try await part in inbound {
        switch part {
        case .head(let requestHead):
          head = requestHead
          body = []
          tooLarge = false
        case .body(var buffer):
          if body.count + buffer.readableBytes > maximumBodySize {
            tooLarge = true
          } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
            body.append(contentsOf: bytes)
          }
        case .end:
          guard let requestHead = head else { continue }
          head = nil
          let response: HTTPResponseMessage
          if tooLarge {
            response = HTTPResponseMessage(status: 413, text: "request body larger than \(maximumBodySize) bytes")
          } else {
            var headers = HTTPHeaderFields()
            for (name, value) in requestHead.headers { headers.add(name, value) }
            let request = HTTPRequestMessage(
              method: requestHead.method.rawValue, target: requestHead.uri, headers: headers, body: body)
            response = await handler(request)
          }
          try await write(
            response, to: outbound, keepAlive: requestHead.isKeepAlive && !tooLarge, version: requestHead.version)
          if !requestHead.isKeepAlive || tooLarge { return }
        }
      }
    }
  }

  private static func write(
    _ response: HTTPResponseMessage, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
    keepAlive: Bool, version: HTTPVersion
  ) async throws {
    var headers = HTTPHeaders()
    for (name, value) in response.headers.fields { headers.add(name: name, value: value) }
    // Responses without a body by definition (RFC 9110 §6.4.1) carry no Content-Length.
    let bodyless = response.status == 204 || response.status == 304 || (100..<200).contains(response.status)
    if !bodyless && !headers.contains(name: "Content-Length") {
      headers.add(name: "Content-Length", value: String(response.body.count))
    }
    if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
    let head = HTTPResponseHead(
      version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
    try await outbound.write(.head(head))
    if !bodyless && !response.body.isEmpty {
      try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
    }
    try await outbound.write(.end(nil))
  }
}
