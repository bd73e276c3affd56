import RenkeiCore
import RenkeiHTTP

/// Context provider registrations (Orion API spec, "Registration Operations"): create, list,
/// retrieve and delete. Requests are not forwarded to the providers.
extension NGSIv2Broker {
  static let registrationNotFound = NGSIv2Error(
    404, "NotFound", "The requested registration has not been found. Check id")

  func listRegistrations(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: ["count"])
    let items = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.registrations.map(\.rendered)
    }
    return try page(items, request, count: options.contains("count"))
  }

  func createRegistration(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    _ = try request.options(allowed: [])
    let registration = try NGSIv2Registration(id: Self.newSubscriptionId(), payload: try request.json())
    try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.registrations.append(registration)
    }
    return noContent(201, headers: [("Location", "/v2/registrations/\(registration.id)")])
  }

  func retrieveRegistration(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let rendered = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      guard let registration = tenant.registrations.first(where: { $0.id == id }) else {
        throw Self.registrationNotFound
      }
      return registration.rendered
    }
    return json(200, rendered)
  }

  func deleteRegistration(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      guard let at = tenant.registrations.firstIndex(where: { $0.id == id }) else { throw Self.registrationNotFound }
      tenant.registrations.remove(at: at)
    }
    return noContent()
  }
}
