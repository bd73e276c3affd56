import RenkeiCore
import RenkeiHTTP

/// `POST /v2/op/notify` (Orion API spec, "Notify operation"): a notification from another broker
/// (federation) is stored like `POST /v2/op/update` with `actionType` append, and answered 200.
extension NGSIv2Broker {
  func notifyUpdate(_ request: NGSIv2Request) throws(NGSIv2Error) -> Outcome {
    // "keyValues not supported in POST /v2/op/notify": the option is a 400 like any unknown one.
    _ = try request.options(allowed: ["overrideMetadata", "forcedUpdate", "flowControl"])
    let body = try request.json()
    guard let members = body.members else { throw .badRequest("payload must be a JSON object") }
    for (key, value) in members {
      switch key {
      case "subscriptionId":
        guard value.string != nil else { throw .badRequest("subscriptionId must be a string") }
      case "data":
        guard value.array != nil else { throw .badRequest("data must be a JSON array") }
      default: throw .badRequest("Invalid JSON payload, unrecognized field: \(key)")
      }
    }
    guard let data = body["data"] else { throw .badRequest("data is missing") }
    var update = request
    update.segments = ["op", "update"]
    update.body = JSONTree.object([("actionType", .string("append")), ("entities", data)]).bytes()
    let (response, changes) = try batchUpdate(update)
    guard (200..<300).contains(response.status) else { return (response, changes) }
    return (noContent(200), changes)
  }
}
