import ArgumentParser
import Foundation
import RenkeiDatasets
import RenkeiModels

/// `renkei datasets list|show`: the Japanese standard-dataset profiles of `profiles/datasets/`.
struct DatasetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datasets",
    abstract: "List and show the Japanese standard-dataset profiles used by `renkei validate --dataset`.",
    subcommands: [List.self, Show.self])

  static func catalog() throws -> DatasetCatalog {
    do {
      let catalog = try DatasetCatalog.standard(profiles: ProfileLocator.profilesDirectory())
      guard !catalog.profiles.isEmpty else {
        throw RuntimeError("no dataset profiles found: set RENKEI_PROFILES to renkei's profiles folder")
      }
      return catalog
    } catch let error as RuntimeError {
      throw error
    } catch {
      throw RuntimeError("dataset profiles: \(error)")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the dataset profiles.")

    func run() throws {
      let profiles = try DatasetsCommand.catalog().profiles
      let width = profiles.map(\.name.count).max() ?? 0
      var text = ""
      for profile in profiles {
        text +=
          profile.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
          + "\(profile.title) — \(profile.edition), \(profile.columns.count) columns\n"
      }
      FileHandleOutput.standardOutput(text)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a dataset profile: its columns and sources.")

    @Argument(help: "The dataset name, e.g. aed.")
    var name: String

    func run() throws {
      let catalog = try DatasetsCommand.catalog()
      guard let profile = catalog.profile(named: name) else {
        throw RuntimeError("unknown dataset \(name): use one of \(catalog.names.joined(separator: ", "))")
      }
      var text = "\(profile.name): \(profile.title) — \(profile.edition)\n"
      if !profile.fileName.isEmpty { text += "file name: \(profile.fileName)\n" }
      if profile.partial { text += "partial: only the first columns are known and checked\n" }
      for source in profile.sources {
        text += "source:    \(source.document)" + (source.url.map { " <\($0)>" } ?? "") + "\n"
      }
      for (index, column) in profile.columns.enumerated() {
        var flags: [String] = []
        if column.required { flags.append("required") }
        if column.unique { flags.append("unique") }
        text +=
          "  \(index + 1). \(column.name)  \(column.type.rawValue)"
          + (flags.isEmpty ? "" : "  (\(flags.joined(separator: ", ")))") + "\n"
      }
      FileHandleOutput.standardOutput(text)
    }
  }
}
