import RenkeiCore

/// A profile that cannot be used: a usage error (exit 2), never a test verdict.
public struct ProfileLoadError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(_ file: String, _ message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
