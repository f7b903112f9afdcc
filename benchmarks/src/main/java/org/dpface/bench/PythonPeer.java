package org.dpface.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Python interpreter the peers run in ({@code -Ddpface.python}, default Debian's) and whether it can import them. */
final class PythonPeer {
  /** Debian's interpreter, where python3-h5py, python3-open3d and python3-torch install their modules. */
  static final String PYTHON = System.getProperty("dpface.python", "/usr/bin/python3");

  private PythonPeer() {}

  /**
   * Null when {@link #PYTHON} imports {@code modules} (comma-separated, as in an import statement), else
   * why not: the interpreter missing, the import failing (its last line, plus {@code hint}) or timing out.
   */
  static String unavailableReason(String modules, String hint) {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " not found";
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import " + modules).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "importing " + modules + " timed out";
      }
      if (p.exitValue() != 0) {
        String[] lines = out.split("\n");
        return modules + " not importable by " + PYTHON + hint + ": " + lines[lines.length - 1];
      }
      return null;
    } catch (IOException e) {
      return "cannot start " + PYTHON + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
