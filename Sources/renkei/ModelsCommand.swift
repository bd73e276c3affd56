import ArgumentParser
import Foundation
import RenkeiCore
import RenkeiModels

/// `renkei models list|show|add`: the data models renkei validates against offline.
struct ModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "List, show and add the data models used by `renkei validate --model`.",
    subcommands: [List.self, Show.self, Add.self])

  static func catalog() -> ModelCatalog { ModelCatalog.standard(profiles: ProfileLocator.profilesDirectory()) }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the known models.")

    func run() throws {
      let models = ModelsCommand.catalog().models
      guard !models.isEmpty else {
        throw RuntimeError("no models found: set RENKEI_PROFILES to renkei's profiles folder")
      }
      let width = models.map(\.name.count).max() ?? 0
      var text = ""
      for model in models {
        text += model.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + model.subject + "\n"
      }
      FileHandleOutput.standardOutput(text)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a model: schema, examples, context and required attributes.")

    @Argument(help: "The model name, e.g. PointOfInterest.")
    var name: String

    func run() throws {
      let catalog = ModelsCommand.catalog()
      let model: ModelCatalog.Model
      do { model = try catalog.model(named: name) } catch { throw RuntimeError("\(error)") }
      var text = "\(model.name) (\(model.subject))\n"
      if let description = model.description { text += description + "\n" }
      text += "schema:   \(model.schemaPath)\n"
      if let id = model.schemaID { text += "$id:      \(id)\n" }
      if let context = model.contextPath { text += "context:  \(context)\n" }
      if let root = try? JSONParser().parse(FileBytes.read(model.schemaPath)).document.root,
        let required = root["required"], required.count > 0
      {
        text += "required: \(required.elements.compactMap(\.string).joined(separator: ", "))\n"
      }
      text += "examples:\n" + model.examples.map { "  \($0)\n" }.joined()
      FileHandleOutput.standardOutput(text)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Register a Smart Data Models repository (or any folder of model folders with schema.json) from disk, or with --allow-network download one from the published site."
    )

    @Argument(
      help:
        "A folder such as a clone of smart-data-models/dataModel.Parking; with --allow-network, a model name such as dataModel.Parking/ParkingSpot."
    )
    var source: String

    @Flag(help: "Download the model (schema, examples, context, referenced schemas) from smart-data-models.github.io.")
    var allowNetwork = false

    func run() throws {
      let added: [ModelCatalog.Model]
      do {
        var directory = source
        if allowNetwork && !FileManager.default.fileExists(atPath: source) {
          let catalog = ModelsCommand.catalog()
          directory = try PublishedModelFetcher(destination: PublishedModelFetcher.defaultDestination)
            .fetch(source, knownSchemas: catalog.knownSchemaURLs)
        }
        added = try AddedModels.add(directory)
      } catch {
        throw RuntimeError("\(error)")
      }
      FileHandleOutput.standardOutput(
        "added \(added.count) model\(added.count == 1 ? "" : "s"): \(added.map(\.name).joined(separator: ", "))\n(recorded in \(AddedModels.file))\n"
      )
    }
  }
}
