import RenkeiCore

/// What forwarding to one registration's provider has done so far ("registration.forwardingInformation"):
/// shown in GET once a request was forwarded.
struct NGSIv2ForwardingInformation: Sendable, Equatable {
  var timesSent = 0
  var lastForwarding: String?
  var lastSuccess: String?
  var lastFailure: String?

  mutating func record(succeeded: Bool, at time: String) {
    timesSent += 1
    lastForwarding = time
    if succeeded { lastSuccess = time } else { lastFailure = time }
  }

  /// The object GET shows, or nil before the first forwarding.
  var rendered: JSONTree? {
    guard timesSent > 0 else { return nil }
    var out: JSONTree = .object([("timesSent", .number(String(timesSent)))])
    if let lastForwarding { out["lastForwarding"] = .string(lastForwarding) }
    if let lastSuccess { out["lastSuccess"] = .string(lastSuccess) }
    if let lastFailure { out["lastFailure"] = .string(lastFailure) }
    return out
  }
}
