package org.dpface.dataset.build;

/**
 * Progress of a dataset build, reported from the building thread (library code does not print; the CLI
 * turns these calls into progress lines). Every method has an empty default.
 */
public interface BuildListener {
  /** No-op listener. */
  BuildListener NONE = new BuildListener() {};

  /** Before take {@code index} (1-based) of {@code count}; {@code reused}: its samples are kept as they are. */
  default void takeStarted(String takeKey, int index, int count, boolean reused) {}

  /** After one camera of a take was registered and its lamp steps checked. */
  default void viewRegistered(String takeKey, String cameraId, int index, int count, int passed, int steps) {}

  /** After a new shard was written. */
  default void shardWritten(String file, int rows) {}
}
