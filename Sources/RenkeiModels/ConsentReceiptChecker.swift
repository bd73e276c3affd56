import Foundation
import RenkeiCore

/// The Kantara Consent Receipt v1.1 rule the schema states only as a `oneOf`: a purpose that
/// discloses personal data to a third party must name it.
public enum ConsentReceiptChecker {
  public static let thirdPartyName = Rule(
    id: "consent-third-party-name", severity: .error,
    spec: SpecReference(
      document: "Kantara Consent Receipt Specification v1.1", clause: "thirdPartyName",
      url: "https://kantarainitiative.org/download/7902/"),
    message: "Purpose \"{purpose}\" discloses data to a third party (thirdPartyDisclosure is true) but names none.",
    fix: "Add \"thirdPartyName\" with the name of the third party (or set thirdPartyDisclosure to false).")

  public static func findings(_ receipt: JSONValue, file: String?, documentNumber: Int? = nil) -> [Finding] {
    var out: [Finding] = []
    receipt["services"]?.forEachElement { _, service in
      service["purposes"]?.forEachElement { _, purpose in
        guard purpose["thirdPartyDisclosure"]?.bool == true else { return }
        let name = purpose["thirdPartyName"]?.string ?? ""
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
          out.append(
            thirdPartyName.finding(
              at: purpose.location(file: file, documentNumber: documentNumber),
              ["purpose": purpose["purpose"]?.string ?? "?"]))
        }
      }
    }
    return out
  }
}
