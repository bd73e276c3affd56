import ArgumentParser
import Foundation
import RenkeiConformance
import RenkeiModels

/// `renkei profiles coverage`: how much of an external test suite a conformance profile mirrors.
struct ProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "Inspect conformance profiles.",
    subcommands: [Coverage.self])

  struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Count the ETSI test purposes a profile mirrors and misses, per area.")

    @Argument(help: "Profile name (under profiles/conformance/) or folder.")
    var profile: String

    @Option(help: "The suite's index (TSV with case and area columns), e.g. etsi-tp-index.tsv.")
    var against: String

    @Option(help: "Area depth to group by (path components).")
    var depth = 3

    @Flag(help: "List every missing test purpose.")
    var missing = false

    func run() throws {
      guard let directory = ProfileLoader.directory(of: profile, profilesRoot: ProfileLocator.profilesDirectory())
      else {
        throw RuntimeError("no conformance profile \(profile): set RENKEI_PROFILES to renkei's profiles folder")
      }
      let loaded: RenkeiConformance.Profile
      do { loaded = try ProfileLoader().load(directory: directory) } catch { throw RuntimeError("\(error)") }
      guard let data = FileManager.default.contents(atPath: against) else {
        throw RuntimeError("cannot read \(against)")
      }
      let coverage: ETSICoverage
      do {
        coverage = try ETSICoverage(
          indexTSV: String(decoding: data, as: UTF8.self), prefix: loaded.etsiPrefix,
          profileIDs: loaded.cases.compactMap(\.etsi))
      } catch {
        throw RuntimeError("\(against): \(error.message)")
      }
      var text =
        "\(loaded.title): \(loaded.cases.count) cases mirror \(coverage.mirrored.count) of \(coverage.index.count) ETSI test purposes\n"
      text += coverage.render(depth: depth, listMissing: missing)
      FileHandleOutput.standardOutput(text)
    }
  }
}
