package org.dpface.dataset.register;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dpface.capture.session.Subject;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.storage.RawLayout;
import org.dpface.capture.storage.StoredTake;

/**
 * The takes of a capture lab folder as registration sees them: every COMPLETE take (read through the capture
 * controller's {@link StoredTake}, layout in {@code capture-controller/DESIGN-storage.md}) with its spec split
 * into expression / distance / direction and its lamp steps (frame step labels {@code light-<lightId>}); and
 * consent form versions and withdrawals from the lab's {@link SubjectRegistry}.
 */
public final class LabTakes {
  private static final String LIGHT_PREFIX = "light-";

  private LabTakes() {}

  /**
   * Every COMPLETE take under {@code labDir}, sorted by session then take id. Takes in other states are
   * skipped; a COMPLETE take without lamp steps is returned with none.
   *
   * @throws IOException when {@code labDir} is not a capture lab, or on an unreadable or malformed take
   */
  public static List<LabTake> scan(Path labDir) throws IOException {
    if (!Files.isDirectory(RawLayout.sessionsDir(labDir))) {
      throw new IOException(labDir + " has no sessions/ folder: not a capture lab");
    }
    List<LabTake> out = new ArrayList<>();
    for (StoredTake t : StoredTake.complete(labDir)) {
      String[] spec = t.spec().split("-");
      if (spec.length != 3) {
        throw new IOException(t.dir().resolve(RawLayout.takeSidecar())
            + ": spec must be expression-distance-direction, got \"" + t.spec() + "\"");
      }
      List<LabTake.LightStep> steps = new ArrayList<>();
      for (int s = 0; s < t.stepLabels().size(); s++) {
        String label = t.stepLabels().get(s);
        if (label.startsWith(LIGHT_PREFIX)) {
          steps.add(new LabTake.LightStep(s, label.substring(LIGHT_PREFIX.length())));
        }
      }
      out.add(new LabTake(t.sessionId(), t.subjectId(), t.takeId(), t.dir(), spec[0], spec[1], spec[2],
          t.cameraIds().stream().sorted().toList(), steps, t.sensorBits()));
    }
    return out;
  }

  /**
   * Consent form version per subject of the lab's registry; withdrawn subjects are left out. Empty when the
   * lab has no {@code subjects.json}.
   */
  public static Map<String, String> consentVersions(Path labDir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Subject s : SubjectRegistry.open(labDir).list()) {
      if (s.withdrawn().isEmpty()) {
        out.put(s.id(), s.consent().formVersion());
      }
    }
    return out;
  }

  /**
   * Subjects the registry marks withdrawn (their takes must not enter a dataset even if raw files were left
   * behind). Empty when the lab has no {@code subjects.json}.
   */
  public static List<String> withdrawnSubjects(Path labDir) throws IOException {
    List<String> out = new ArrayList<>();
    for (Subject s : SubjectRegistry.open(labDir).list()) {
      if (s.withdrawn().isPresent()) {
        out.add(s.id());
      }
    }
    return out;
  }
}
