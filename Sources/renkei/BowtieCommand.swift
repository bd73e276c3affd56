import ArgumentParser
import Foundation
import RenkeiCore
import RenkeiSchema

/// `renkei bowtie`: renkei's JSON Schema validator behind Bowtie's harness protocol.
struct BowtieCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bowtie",
    abstract: "Speak Bowtie's harness protocol (version 1) on standard input and output.",
    discussion: "Reads one JSON command per line (start, dialect, run, stop) and answers each on one line.")

  func run() throws {
    let harness = BowtieHarness(version: RenkeiVersion.current)
    while let line = readLine(strippingNewline: true) {
      if line.allSatisfy(\.isWhitespace) { continue }
      switch harness.handle(Array(line.utf8)) {
      case .respond(let bytes):
        FileHandleOutput.standardOutput(String(decoding: bytes, as: UTF8.self) + "\n")
      case .stop:
        return
      }
    }
  }
}
