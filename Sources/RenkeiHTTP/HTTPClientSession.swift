internal import AsyncHTTPClient
import Foundation
internal import NIOCore
internal import NIOHTTP1

/// Sends requests with exactly the headers given (async-http-client adds only Host and the body
/// framing), never follows redirects and never decompresses, so what a check sees is what the
/// platform answered. One session keeps a connection pool; shut it down when done.
public final class HTTPClientSession: Sendable {
  private let client: HTTPClient
  /// Largest response body read; a larger one is a transport error, never silently cut.
  public let maximumResponseSize: Int

  public init(connectTimeout: Duration = .seconds(5), maximumResponseSize: Int = 64 << 20) {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, decompression: .disabled)
    configuration.timeout = .init(connect: .milliseconds(connectTimeout.milliseconds))
    configuration.httpVersion = .http1Only
    self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    self.maximumResponseSize = maximumResponseSize
  }

  /// Sends `request` (its `target` is an absolute URL) and reads the whole response within `timeout`.
  public func send(_ request: HTTPRequestMessage, timeout: Duration = .seconds(30)) async throws(HTTPTransportError)
    -> HTTPResponseMessage
  {
    guard let url = URL(string: request.target), let scheme = url.scheme, ["http", "https"].contains(scheme) else {
      throw HTTPTransportError(.invalidURL, "not an http(s) URL: \(request.target)")
    }
    var outgoing = HTTPClientRequest(url: request.target)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for (name, value) in request.headers.fields { outgoing.headers.add(name: name, value: value) }
    if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
      outgoing.body = .bytes(ByteBuffer(bytes: request.body))
    }
    let deadline = NIODeadline.now() + .milliseconds(timeout.milliseconds)
    do {
      let response = try await client.execute(outgoing, deadline: deadline)
      var headers = HTTPHeaderFields()
      for (name, value) in response.headers { headers.add(name, value) }
      var body = try await response.body.collect(upTo: maximumResponseSize)
      let bytes = body.readBytes(length: body.readableBytes) ?? []
      return HTTPResponseMessage(status: Int(response.status.code), headers: headers, body: bytes)
    } catch {
      throw Self.classify(error)
    }
  }

  public func shutdown() async {
    try? await client.shutdown()
  }

  private static func classify(_ error: any Error) -> HTTPTransportError {
    if let error = error as? HTTPTransportError { return error }
    if let error = error as? HTTPClientError {
      switch error {
      case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
        return HTTPTransportError(.timeout, "no complete answer within the deadline (\(error))")
      case .remoteConnectionClosed:
        return HTTPTransportError(.malformedResponse, "the connection closed before a complete answer")
      case .invalidURL, .emptyHost, .emptyScheme:
        return HTTPTransportError(.invalidURL, "\(error)")
      default:
        break
      }
    }
    if error is NIOTooManyBytesError {
      return HTTPTransportError(.bodyTooLarge, "response body larger than the limit")
    }
    if error is HTTPParserError {
      return HTTPTransportError(.malformedResponse, "the answer is not valid HTTP (\(error))")
    }
    let text = String(describing: error)
    if text.contains("connect") || text.contains("refused") || text.contains("Connection") {
      return HTTPTransportError(.connectionFailed, text)
    }
    return HTTPTransportError(.other, text)
  }
}

extension Duration {
  /// Whole milliseconds, saturating; NIO's time types take integers.
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
