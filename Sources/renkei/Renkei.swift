import ArgumentParser
import RenkeiCore

/// The `renkei` command: subcommands only; each lives in its own file.
struct Renkei: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "renkei",
    abstract: "Validate municipal open data and data-platform payloads against the standards.",
    discussion: """
      Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage or I/O error.
      """,
    version: RenkeiVersion.current,
    subcommands: [
      ValidateCommand.self, ConvertCommand.self, ModelsCommand.self, DatasetsCommand.self, TestCommand.self,
      ProfilesCommand.self, ServeCommand.self, BowtieCommand.self,
    ])
}
