import RenkeiCore

/// How a profile is run against one platform.
public struct RunOptions: Sendable {
  /// The platform's base URL without the profile's base path, e.g. `http://localhost:1026`.
  public var target: String
  public var jobs: Int
  public var tenant: String?
  /// Per request.
  public var timeout: Duration
  /// For the whole run; cases not finished by then are `notRun`.
  public var deadline: Duration?
  /// Headers for every request (`--header`, `--token`), before the case's own.
  public var headers: [(String, String)]
  /// Extra variables (`--var`), overriding the profile's.
  public var variables: [(String, String)]
  public var plan: RunPlan

  public init(
    target: String, jobs: Int = 1, tenant: String? = nil, timeout: Duration = .seconds(10), deadline: Duration? = nil,
    headers: [(String, String)] = [], variables: [(String, String)] = [], plan: RunPlan = RunPlan()
  ) {
    self.target = target
    self.jobs = jobs
    self.tenant = tenant
    self.timeout = timeout
    self.deadline = deadline
    self.headers = headers
    self.variables = variables
    self.plan = plan
  }
}
