package org.dpface.cli;

/**
 * Logging setup for the command line: SLF4J's simple backend on stderr, INFO by default (jHDF's own chatter
 * only at ERROR), DEBUG with {@code --verbose}. Must run before the first logger is created.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
    // jHDF logs every dataset it opens at INFO and warns about padding in attribute messages it wrote itself.
    System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", verbose ? "debug" : "error");
  }
}
