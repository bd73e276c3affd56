import RenkeiCore

/// The NGSIv1 payloads of `legacyForwarding` providers (Orion API spec, "Registration Operations":
/// "If the value of `legacyForwarding` is `true` then NGSIv1-based query/update will be used"):
/// `POST {url}/queryContext` and `POST {url}/updateContext`, translated from and to the NGSI v2
/// `op/query` and `op/update` bodies the broker forwards otherwise.
enum NGSIv1Forwarding {
  static let queryOperation = "/queryContext"
  static let updateOperation = "/updateContext"

  /// `{"entities": [{"id", "type", "isPattern"}], "attributes": [...]}` for an `op/query` body.
  static func queryContext(_ query: JSONTree) -> JSONTree {
    let entities = (query["entities"]?.array ?? []).map(contextEntity)
    var out: JSONTree = .object([("entities", .array(entities))])
    if let attributes = query["attrs"] { out["attributes"] = attributes }
    return out
  }

  /// `{"contextElements": [...], "updateAction": "UPDATE"}` for an `op/update` body.
  static func updateContext(_ update: JSONTree) -> JSONTree {
    let elements = (update["entities"]?.array ?? []).map { entity -> JSONTree in
      var element = contextEntity(entity)
      var attributes: [JSONTree] = []
      for (name, attribute) in entity.members ?? [] where name != "id" && name != "type" {
        var item: JSONTree = .object([("name", .string(name))])
        if let type = attribute["type"] { item["type"] = type }
        item["value"] = attribute["value"] ?? .null
        let metadata = (attribute["metadata"]?.members ?? []).map { name, value -> JSONTree in
          .object([("name", .string(name)), ("type", value["type"] ?? .null), ("value", value["value"] ?? .null)])
        }
        if !metadata.isEmpty { item["metadatas"] = .array(metadata) }
        attributes.append(item)
      }
      element["attributes"] = .array(attributes)
      return element
    }
    let action = update["actionType"]?.string ?? "update"
    return .object([("contextElements", .array(elements)), ("updateAction", .string(action.uppercased()))])
  }

  /// A v2 entity selector (`id` or `idPattern`, `type`) as an NGSIv1 entity id.
  private static func contextEntity(_ selector: JSONTree) -> JSONTree {
    var out: JSONTree = .object([])
    if let type = selector["type"] { out["type"] = type }
    if let pattern = selector["idPattern"] {
      out["isPattern"] = .string("true")
      out["id"] = pattern
    } else {
      out["isPattern"] = .string("false")
      out["id"] = selector["id"] ?? .null
    }
    return out
  }

  /// The entities of a `queryContext` answer as a v2 `op/query` answer (normalized entities); nil
  /// when it is not an NGSIv1 query response. Elements whose statusCode is not 200 are left out.
  static func entities(_ response: JSONTree) -> JSONTree? {
    guard let responses = response["contextResponses"]?.array else {
      // An NGSIv1 provider with nothing to say answers errorCode 404 and no contextResponses.
      return response["errorCode"] != nil ? .array([]) : nil
    }
    var out: [JSONTree] = []
    for item in responses {
      guard let element = item["contextElement"], let id = element["id"] else { return nil }
      guard code(item) ?? "200" == "200" else { continue }
      var entity: JSONTree = .object([("id", id)])
      if let type = element["type"], type.string?.isEmpty == false { entity["type"] = type }
      for attribute in element["attributes"]?.array ?? [] {
        guard let name = attribute["name"]?.string else { return nil }
        var value: JSONTree = .object([("value", attribute["value"] ?? .null)])
        if let type = attribute["type"], type.string?.isEmpty == false { value["type"] = type }
        var metadata: JSONTree = .object([])
        for item in attribute["metadatas"]?.array ?? [] {
          guard let metadataName = item["name"]?.string else { return nil }
          var entry: JSONTree = .object([("value", item["value"] ?? .null)])
          if let type = item["type"], type.string?.isEmpty == false { entry["type"] = type }
          metadata[metadataName] = entry
        }
        value["metadata"] = metadata
        entity[name] = value
      }
      out.append(entity)
    }
    return .array(out)
  }

  /// Whether an `updateContext` answer reports every element done (statusCode 200).
  static func updated(_ response: JSONTree) -> Bool {
    guard let responses = response["contextResponses"]?.array, !responses.isEmpty else { return false }
    return responses.allSatisfy { code($0) == "200" }
  }

  /// `statusCode.code` of a context response, written as a string or a number.
  private static func code(_ response: JSONTree) -> String? {
    switch response["statusCode"]?["code"] {
    case .string(let text): return text
    case .number(let lexeme): return lexeme
    default: return nil
    }
  }
}
