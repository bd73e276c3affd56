/// An HTTP response as renkei's servers send it or as its client receives it.
public struct HTTPResponseMessage: Sendable {
  public var status: Int
  public var headers: HTTPHeaderFields
  public var body: [UInt8]

  public init(status: Int, headers: HTTPHeaderFields = HTTPHeaderFields(), body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  public init(status: Int, headers: HTTPHeaderFields = HTTPHeaderFields(), text: String) {
    self.init(status: status, headers: headers, body: Array(text.utf8))
  }

  public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
