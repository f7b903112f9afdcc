package org.dpface.capture.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DP camera that serves frames from a directory of 16-bit gray PNG pairs, in file-name order: every
 * {@code <id>_<anything>_L.png} with its {@code <id>_<anything>_R.png}. A stored take directory (see
 * {@code DESIGN-storage.md}: {@code cam0_s000_L.png}, ...) replays as it was captured.
 *
 * <p>The directory is listed when the camera is armed, so files added later (e.g. by tethering
 * software) are picked up by the next arm. A missing partner file or a PNG that is not 16-bit gray
 * fails the frame with a {@link DeviceException} naming the file. Frames past the end of the listing
 * time out immediately: replay cannot wait for files that will never come.
 */
public final class FileReplayCamera implements DpCamera {
  private static final Logger LOG = LoggerFactory.getLogger(FileReplayCamera.class);

  private final String id;
  private final Path directory;
  private final Resolution resolution;
  private final SplitAxis splitAxis;
  private final Clock clock;
  private final List<Path> lefts = new ArrayList<>();
  private final DeviceHealth health;
  private int armedExposures = -1;
  private long exposureMicros;
  private int delivered;
  private int cursor;

  /**
   * @param id camera id, also the file-name prefix
   * @param directory folder holding the PNG pairs
   * @param resolution expected size of each view; frames of another size are refused
   * @param splitAxis the camera's DP split axis
   * @param clock host clock stamped into frames
   */
  public FileReplayCamera(String id, Path directory, Resolution resolution, SplitAxis splitAxis, Clock clock) {
    this.id = id;
    this.directory = directory;
    this.resolution = resolution;
    this.splitAxis = splitAxis;
    this.clock = clock;
    this.health = new DeviceHealth(id, "camera");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Resolution resolution() {
    return resolution;
  }

  @Override
  public SplitAxis splitAxis() {
    return splitAxis;
  }

  @Override
  public synchronized void arm(int exposures, long exposureMicros) throws DeviceException {
    health.checkOpen();
    if (exposures < 1) {
      throw new IllegalArgumentException(id + ": exposures must be >= 1, got " + exposures);
    }
    if (!Files.isDirectory(directory)) {
      throw health.fail(id + ": replay folder " + directory + " does not exist");
    }
    lefts.clear();
    String prefix = id + "_";
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.endsWith("_L.png");
      }).sorted().forEach(lefts::add);
    } catch (IOException e) {
      throw health.fail(id + ": cannot list " + directory + ": " + e.getMessage(), e);
    }
    this.armedExposures = exposures;
    this.exposureMicros = exposureMicros;
    this.delivered = 0;
    // A new arm continues where the previous one stopped, like a camera's frame counter.
    LOG.debug("{} armed for {} exposures, {} frames available", id, exposures, lefts.size() - cursor);
  }

  @Override
  public synchronized DpFrame nextFrame(long boardMicros, Duration timeout) throws DeviceException {
    health.checkOpen();
    if (armedExposures < 0) {
      throw health.fail(id + ": nextFrame before arm");
    }
    if (delivered >= armedExposures) {
      throw health.fail(id + ": all " + armedExposures + " armed frames were already delivered");
    }
    if (cursor >= lefts.size()) {
      throw new FrameTimeoutException(id + ": no frame " + delivered + " of " + armedExposures
          + " within " + timeout.toMillis() + " ms (replay folder " + directory + " has " + lefts.size()
          + " frames)");
    }
    Path left = lefts.get(cursor);
    String leftName = left.getFileName().toString();
    Path right = left.resolveSibling(leftName.substring(0, leftName.length() - "_L.png".length()) + "_R.png");
    GrayU16 l = read(left);
    GrayU16 r = read(right);
    int step = delivered;
    cursor++;
    delivered++;
    Instant now = clock.instant();
    health.seen(now);
    health.clearProblem();
    return new DpFrame(id, step, exposureMicros, boardMicros, now, l, r);
  }

  private GrayU16 read(Path file) throws DeviceException {
    if (!Files.isRegularFile(file)) {
      throw health.fail(id + ": " + file + " is missing");
    }
    GrayU16 image;
    try {
      image = PngImages.readGrayU16(file);
    } catch (IOException e) {
      throw health.fail(id + ": " + e.getMessage(), e);
    }
    if (image.width() != resolution.width() || image.height() != resolution.height()) {
      throw health.fail(id + ": " + file + " is " + image.width() + "x" + image.height() + ", expected " + resolution);
    }
    return image;
  }

  @Override
  public synchronized DeviceStatus status() {
    boolean folderThere = Files.isDirectory(directory);
    List<String> problems = health.problems(folderThere ? null : "replay folder " + directory + " does not exist");
    return new DeviceStatus(id, !health.closed() && folderThere, "file-replay 1", health.lastSeen(), problems);
  }

  @Override
  public synchronized void close() {
    health.close();
  }
}
