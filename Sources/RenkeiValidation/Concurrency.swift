import Foundation

/// The number of cores the process may use.
public enum ProcessInfoCores {
  public static var active: Int { ProcessInfo.processInfo.activeProcessorCount }
}
