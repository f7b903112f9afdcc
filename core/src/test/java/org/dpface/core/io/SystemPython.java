package org.dpface.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs Debian's {@code /usr/bin/python3} (where apt installs python3-open3d etc.) as an
 * independent reference reader. Tests call {@link #unavailableReason} and skip with that reason.
 */
public final class SystemPython {
  public static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final long TIMEOUT_S = 120;

  private SystemPython() {}

  /** Null when {@code import <modules>} works, else why not. */
  public static String unavailableReason(String modules) {
    if (!Files.isExecutable(PYTHON)) {
      return PYTHON + " not found";
    }
    try {
      Result r = run("import " + modules);
      return r.exitCode == 0 ? null : PYTHON + " cannot import " + modules + ": " + lastLine(r.stderr);
    } catch (IOException e) {
      return PYTHON + " failed: " + e.getMessage();
    }
  }

  /** Exit code, stdout and stderr of one script run. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code script} with {@code args} as sys.argv[1:]. */
  public static Result run(String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("dpface-py", ".out");
    Path err = Files.createTempFile("dpface-py", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new IOException("python timed out after " + TIMEOUT_S + " s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String lastLine(String s) {
    String t = s.strip();
    int i = t.lastIndexOf('\n');
    return i < 0 ? t : t.substring(i + 1);
  }
}
