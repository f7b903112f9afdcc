package org.dpface.cli.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.cli.rig.RigCommand;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;

/**
 * Finds the rig a session was captured on: the lab's own {@code <lab>/rig.json} when its id is the
 * session's rig id (a rig file written by the lab, e.g. the demo's binned rig), else a bundled rig id or a
 * rig file path as {@code dpface rig} accepts it.
 */
public final class LabRigs {
  /** The lab's rig file. */
  public static final String RIG_FILE = "rig.json";

  private LabRigs() {}

  /** The rig with id (or path) {@code rigId} as seen from {@code lab}. */
  public static RigDescription load(Path lab, String rigId) throws Exception {
    Path own = lab.resolve(RIG_FILE);
    if (Files.isRegularFile(own)) {
      RigDescription r = RigFiles.read(own);
      if (r.id().equals(rigId)) {
        return r;
      }
    }
    return RigCommand.load(rigId);
  }
}
