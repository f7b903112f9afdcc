package org.dpface.cli;

/**
 * Logging setup for the command line: SLF4J's simple backend on stderr, INFO by default, DEBUG with
 * {@code --verbose}. Must run before the first logger is created.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
  }
}
