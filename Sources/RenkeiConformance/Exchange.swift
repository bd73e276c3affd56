import RenkeiCore
import RenkeiHTTP

/// One request the runner sent and what came back, kept for reports and curl commands.
public struct Exchange: Sendable {
  /// `setup.1`, `request`, `then.1`, `teardown.1`.
  public var step: String
  public var request: HTTPRequestMessage
  public var response: HTTPResponseMessage?
  /// Transport problem when there is no response.
  public var error: String?
  public var milliseconds: Int

  public init(
    step: String, request: HTTPRequestMessage, response: HTTPResponseMessage?, error: String? = nil,
    milliseconds: Int = 0
  ) {
    self.step = step
    self.request = request
    self.response = response
    self.error = error
    self.milliseconds = milliseconds
  }
}
