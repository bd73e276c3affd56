import Foundation

/// Timestamps for createdAt, modifiedAt and notifiedAt: UTC, millisecond precision, and strictly
/// increasing so that a modification is always later than the creation it follows.
enum SystemClock {
  private static let last = LockedValue<Int64>(0)

  /// Milliseconds since the epoch, never equal to a previous reading.
  static func nowMilliseconds() -> Int64 {
    let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    return last.update { value in
      value = max(now, value + 1)
      return value
    }
  }

  static func now() -> String { format(milliseconds: nowMilliseconds()) }

  static func format(milliseconds: Int64) -> String {
    var seconds = time_t(milliseconds / 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ value: Int32, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
      + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
      + "\(pad(Int32(milliseconds % 1000), 3))Z"
  }

  /// Parses an ISO 8601 date-time in UTC or with an offset (as NGSI-LD DateTime values are);
  /// returns milliseconds since the epoch.
  static func parse(_ text: String) -> Int64? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
    return nil
  }
}
