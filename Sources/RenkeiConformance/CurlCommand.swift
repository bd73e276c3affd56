import RenkeiCore
import RenkeiHTTP

/// A shell command that repeats a request with curl, for failure reports. Single-quoted POSIX
/// shell words; the request should already be masked (`CredentialMasker`).
public enum CurlCommand {
  public static func render(_ request: HTTPRequestMessage) -> String {
    var words = ["curl", "-i", "-X", request.method]
    for (name, value) in request.headers { words += ["-H", "\(name): \(value)"] }
    if !request.body.isEmpty { words += ["--data-binary", String(decoding: request.body, as: UTF8.self)] }
    words.append(request.target)
    return words.enumerated().map { index, word in index == 0 ? word : quote(word) }.joined(separator: " ")
  }

  /// A POSIX shell word that stands for exactly `word`.
  public static func quote(_ word: String) -> String {
    let safe = word.unicodeScalars.allSatisfy { scalar in
      scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar)
        || "-_./:=@%+,".unicodeScalars.contains(scalar)
    }
    if safe && !word.isEmpty { return word }
    return "'" + word.replacing("'", with: "'\\''") + "'"
  }
}
