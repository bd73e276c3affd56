import Foundation

/// Runs async work from a synchronous `ParsableCommand.run()`: `main.swift` decides exit codes
/// for every command in one place, so commands stay synchronous at the top.
enum AsyncBridge {
  static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
      done.signal()
    }
    done.wait()
    return try box.result!.get()
  }
}

/// Handed from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
  var result: Result<T, any Error>?
}
