package org.dpface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exit codes and messages of the top-level command, run in-process as a user would type them. */
class DpfaceCliTest {
  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsSubcommandsAndExitsZero() {
    CliRun r = run("--help");
    assertEquals(Dpface.EXIT_OK, r.code());
    assertTrue(r.out().contains("demo"), r.out());
    assertTrue(r.out().contains("rig"), r.out());
  }

  @Test
  void versionExitsZero() {
    CliRun r = run("--version");
    assertEquals(Dpface.EXIT_OK, r.code());
    assertTrue(r.out().startsWith("dpface "), r.out());
  }

  @Test
  void unknownSubcommandIsUsageErrorWithOneLineReason() {
    CliRun r = run("frobnicate");
    assertEquals(Dpface.EXIT_USAGE, r.code());
    assertTrue(r.err().startsWith("dpface: "), r.err());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void missingSubcommandIsUsageError() {
    assertEquals(Dpface.EXIT_USAGE, run().code());
  }

  @Test
  void unknownOptionIsUsageError() {
    CliRun r = run("demo", "--no-such-option");
    assertEquals(Dpface.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void badOptionValueIsUsageError() {
    CliRun r = run("demo", "--subjects", "many");
    assertEquals(Dpface.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--subjects"), r.err());
  }

  @Test
  void outOfRangeOptionValueIsUsageError() {
    CliRun r = run("demo", "--subjects", "0");
    assertEquals(Dpface.EXIT_USAGE, r.code());
    assertTrue(r.err().contains("--subjects must be >= 1"), r.err());
  }

  @Test
  void oneLineReasonFallsBackToCauseAndType() {
    assertEquals("inner", Dpface.oneLine(new RuntimeException(new IllegalStateException("inner"))));
    assertEquals("IllegalStateException", Dpface.oneLine(new IllegalStateException()));
    assertEquals("a b", Dpface.oneLine(new RuntimeException("a\nb")));
  }
}
