import Foundation
import XCTest

/// Runs the built `renkei` executable, as a user would.
struct RenkeiProcess {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when the process ended by a signal (a crash).
    let crashed: Bool
  }

  static var executable: URL {
    // The test bundle sits in the products folder next to the executable.
    var url = Bundle(for: Marker.self).bundleURL
    while url.pathExtension == "xctest" || url.lastPathComponent == "Contents" { url.deleteLastPathComponent() }
    return url.appendingPathComponent("renkei")
  }

  /// The subcommands `renkei --help` must list, in its order: only commands that are built.
  static let builtCommands = ["validate", "convert", "models", "datasets", "test", "profiles", "serve", "bowtie"]

  static func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
  }

  static func run(
    _ arguments: [String], input: String? = nil, environment: [String: String] = [:], timeout: TimeInterval = 120
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try? stdin.fileHandleForWriting.close()
    // Read both pipes while the process runs so a large report cannot block it.
    let outData = Locked(Data())
    let errData = Locked(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData.set(out.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
      process.terminate()
      XCTFail("renkei \(arguments) did not finish within \(timeout) s")
    }
    process.waitUntilExit()
    group.wait()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData.get(), as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self),
      crashed: process.terminationReason == .uncaughtSignal)
  }

  final class Marker {}
}

final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func set(_ newValue: Value) {
    lock.lock()
    value = newValue
    lock.unlock()
  }
  func get() -> Value {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
