import RenkeiHTTP

/// The scripted answers of the mock context source, by key (a case's uid).
public actor MockAnswerBook {
  private var answers: [String: [MockAnswer]] = [:]

  public init() {}

  public func set(_ list: [MockAnswer], key: String) {
    answers[key] = list.isEmpty ? nil : list
  }

  /// The first scripted answer for a request at `path` (below the case's mock URL).
  func answer(for request: HTTPRequestMessage, path: String, key: String) -> MockAnswer? {
    answers[key]?.first { $0.matches(request, path: path) }
  }

  public func forget(_ key: String) {
    answers[key] = nil
  }
}
