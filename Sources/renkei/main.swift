import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

// Exit codes are decided here and only here: 0 clean, 1 error findings, 2 usage or I/O error.
do {
  var command = try Renkei.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Glibc.exit(exit.rawValue)
} catch {
  let code = Renkei.exitCode(for: error)
  if code == .success {
    // --help and --version.
    print(Renkei.fullMessage(for: error))
    Glibc.exit(0)
  }
  let message = Renkei.fullMessage(for: error)
  FileHandleOutput.standardError(message.hasSuffix("\n") ? message : message + "\n")
  Glibc.exit(2)
}
