import RenkeiCore

/// A conformance profile: what the cases run against and the cases themselves, in load order.
public struct Profile: Sendable {
  public var name: String
  public var title: String
  public var spec: String
  public var specVersion: String
  public var basePath: String
  public var etsiPrefix: String
  public var tenantHeader: String?
  /// Feature name and description, in profile order.
  public var features: [(String, String)]
  public var defaultFeatures: [String]
  /// Headers sent with every request unless a case overrides or removes them.
  public var headers: [(String, String)]
  public var variables: [(String, String)]
  /// The profile folder; `bodyFile` and served contexts are relative to it.
  public var directory: String
  public var cases: [TestCase]

  public init(
    name: String, title: String = "", spec: String = "", specVersion: String = "", basePath: String = "",
    etsiPrefix: String = "", tenantHeader: String? = nil, features: [(String, String)] = [],
    defaultFeatures: [String] = [], headers: [(String, String)] = [], variables: [(String, String)] = [],
    directory: String = ".", cases: [TestCase] = []
  ) {
    self.name = name
    self.title = title
    self.spec = spec
    self.specVersion = specVersion
    self.basePath = basePath
    self.etsiPrefix = etsiPrefix
    self.tenantHeader = tenantHeader
    self.features = features
    self.defaultFeatures = defaultFeatures
    self.headers = headers
    self.variables = variables
    self.directory = directory
    self.cases = cases
  }
}
