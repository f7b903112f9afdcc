package org.dpface.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Implementation-Version), "dev" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Dpface.class.getPackage().getImplementationVersion();
    return new String[] {
      "dpface " + (v == null ? "dev" : v),
      "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
