import RenkeiCore

/// One conformance test case as loaded from a profile (variants already expanded). The steps stay
/// JSON trees until run time because they hold `{{variables}}` that only exist then.
public struct TestCase: Sendable {
  public var id: String
  public var title: String
  /// Clauses of the specification the case checks, e.g. "5.6.1".
  public var clauses: [String]
  /// The mirrored ETSI test purpose, fully qualified (`TP/NGSI-LD/<area>/<case>`), if any.
  public var etsi: String?
  public var tags: [String]
  /// Features (PICS) the platform must support; the case is skipped unless all are selected.
  public var features: [String]
  public var since: String?
  public var until: String?
  public var note: String?
  /// The case file, relative to the profile folder.
  public var file: String
  /// The ETSI area of the case file (e.g. `ContextInformation/Provision/Entities/CreateEntity`).
  public var area: String
  /// Variables of the file and the case, in definition order (later ones may use earlier ones).
  public var vars: [(String, JSONTree)]
  public var setup: [JSONTree]
  public var request: JSONTree
  public var expect: JSONTree?
  public var capture: JSONTree?
  public var then: [JSONTree]
  public var notifications: [JSONTree]
  /// Scripted answers of the mock context source (`respond: [...]`).
  public var mock: JSONTree?
  /// Requests the mock context source must have received, in arrival order.
  public var mockRequests: [JSONTree]
  public var teardown: [JSONTree]

  public init(
    id: String, title: String, clauses: [String] = [], etsi: String? = nil, tags: [String] = [],
    features: [String] = [], since: String? = nil, until: String? = nil, note: String? = nil, file: String = "",
    area: String = "", vars: [(String, JSONTree)] = [], setup: [JSONTree] = [], request: JSONTree,
    expect: JSONTree? = nil, capture: JSONTree? = nil, then: [JSONTree] = [], notifications: [JSONTree] = [],
    mock: JSONTree? = nil, mockRequests: [JSONTree] = [], teardown: [JSONTree] = []
  ) {
    self.id = id
    self.title = title
    self.clauses = clauses
    self.etsi = etsi
    self.tags = tags
    self.features = features
    self.since = since
    self.until = until
    self.note = note
    self.file = file
    self.area = area
    self.vars = vars
    self.setup = setup
    self.request = request
    self.expect = expect
    self.capture = capture
    self.then = then
    self.notifications = notifications
    self.mock = mock
    self.mockRequests = mockRequests
    self.teardown = teardown
  }

  /// The top-level folder of the case file: the area reports group by.
  public var reportArea: String {
    if !area.isEmpty {
      let parts = area.split(separator: "/")
      return parts.prefix(2).joined(separator: "/")
    }
    return file.split(separator: "/").first.map(String.init) ?? ""
  }
}
