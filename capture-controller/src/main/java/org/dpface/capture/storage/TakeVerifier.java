package org.dpface.capture.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import org.dpface.core.io.PngImages;
import org.dpface.core.io.PngInfo;

/**
 * Checks a written take against its {@link TakeExpectation}.
 *
 * <p>Algorithm overview, for every camera × step:
 *
 * <ol>
 *   <li>the frame was delivered (the journal has its record);
 *   <li>both PNGs exist, pass their chunk CRCs and are 16-bit gray of the expected size;
 *   <li>their SHA-256 still equals the one recorded right after writing (nothing changed on disk);
 *   <li>the step's board timestamp minus the FIRE time is within tolerance of the planned offset;
 *   <li>all frames of the camera that report a sensor bit depth report the same one.
 * </ol>
 *
 * Frames for unknown cameras or steps are reported too. The result is a list of human-readable
 * problems, empty when the take is good.
 */
public final class TakeVerifier {
  private TakeVerifier() {}

  /**
   * @param takeDir folder holding the frame files
   * @param frames journal records by {@link FrameRecord#key()}
   * @param fireMicros board time of FIRE, empty if no fire result was recorded
   */
  public static List<String> verify(
      Path takeDir, TakeExpectation exp, Map<String, FrameRecord> frames, OptionalLong fireMicros) {
    List<String> problems = new ArrayList<>();
    if (fireMicros.isEmpty()) {
      problems.add("no FIRE result recorded");
    }
    long[] planned = exp.triggerPlan().plannedOffsetsMicros();
    int expected = 0;
    for (String cam : exp.cameraIds()) {
      for (int step = 0; step < exp.steps(); step++) {
        String key = RawLayout.frameStem(cam, step);
        FrameRecord r = frames.get(key);
        if (r == null) {
          problems.add("missing frame " + key + " (never delivered)");
          continue;
        }
        expected++;
        checkPng(takeDir.resolve(RawLayout.leftPng(cam, step)), r.leftSha256(), exp, problems);
        checkPng(takeDir.resolve(RawLayout.rightPng(cam, step)), r.rightSha256(), exp, problems);
        if (fireMicros.isPresent()) {
          if (r.boardMicros() < 0) {
            problems.add(key + " has no board timestamp");
          } else {
            long offset = r.boardMicros() - fireMicros.getAsLong();
            if (Math.abs(offset - planned[step]) > exp.toleranceMicros()) {
              problems.add(key + " fired at +" + offset + " µs, planned +" + planned[step] + " µs (tolerance "
                  + exp.toleranceMicros() + " µs)");
            }
          }
        }
      }
    }
    Events.reportedSensorBits(frames.values()).forEach((cam, depths) -> {
      SortedSet<Integer> known = depths.tailSet(1); // 0: a frame that did not report its depth
      if (known.size() > 1) {
        problems.add(cam + ": frames report different sensor bit depths " + known);
      }
    });
    if (frames.size() > expected) {
      for (FrameRecord r : frames.values()) {
        if (!exp.cameraIds().contains(r.cameraId()) || r.step() >= exp.steps()) {
          problems.add("unexpected frame " + r.key());
        }
      }
    }
    return problems;
  }

  private static void checkPng(Path file, String sha, TakeExpectation exp, List<String> problems) {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      problems.add("missing file " + name);
      return;
    }
    try {
      PngInfo info = PngImages.info(file);
      if (info.bitDepth() != 16 || info.colorType() != PngInfo.GRAY) {
        problems.add(name + " is " + info.describe() + ", expected 16-bit gray");
      }
      if (info.width() != exp.resolution().width() || info.height() != exp.resolution().height()) {
        problems.add(name + " is " + info.width() + "x" + info.height() + ", expected " + exp.resolution());
      }
      if (!sha256(file).equals(sha)) {
        problems.add(name + " changed on disk after it was written (SHA-256 mismatch)");
      }
    } catch (IOException e) {
      problems.add(name + " is unreadable: " + e.getMessage());
    }
  }

  /** SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    return FileDigest.of(file).sha256();
  }
}
