package org.dpface.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the shared data folder: system property {@code dpface.shared.data}, else
 * {@code <repository>/../shared/data}, else {@code /work/shared/data}.
 */
public final class SharedData {
  private SharedData() {}

  /** The sub-folder {@code relative} of the first shared data root that holds it, if any. */
  public static Optional<Path> find(String relative) {
    String prop = System.getProperty("dpface.shared.data");
    // Surefire runs in the module folder (calibration/), so the repository root is its parent.
    Path moduleDir = Paths.get("").toAbsolutePath();
    Path[] roots = {
      prop == null ? null : Paths.get(prop),
      moduleDir.getParent() == null ? null : moduleDir.getParent().resolve("../shared/data").normalize(),
      moduleDir.resolve("../shared/data").normalize(),
      Paths.get("/work/shared/data"),
    };
    for (Path root : roots) {
      if (root != null && Files.isDirectory(root.resolve(relative))) {
        return Optional.of(root.resolve(relative));
      }
    }
    return Optional.empty();
  }
}
