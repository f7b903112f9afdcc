package org.dpface.capture.device.hotfolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceHealth;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.DpCamera;
import org.dpface.capture.device.DpFrame;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DP camera driven by tethering software (gphoto2 {@code --capture-tethered}, vendor tools) that writes
 * one file per shutter into a folder. The trigger board fires the shutter; this driver only watches the
 * folder and matches each new file to the trigger step.
 *
 * <p>Accepted input: a DP pair of 16-bit gray PNGs {@code <stem>_L.png} + {@code <stem>_R.png} per shutter
 * (optionally only stems starting with a configured prefix). Real DP cameras do not write this directly:
 * Canon's Dual Pixel RAW is one CR2 holding the full image and one half-aperture sub-image (the other view is
 * their difference); raw decoding is out of scope here, so a converter step (e.g. a dcraw/LibRaw-based tool
 * that writes the two views as linear 16-bit PNGs) must sit between the camera and this folder. Single-file
 * 2-channel PNGs are not supported.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>A watcher thread rescans the folder whenever the {@link WatchService} reports a change, and at
 *       least every poll interval (the polling fallback; also the only mode where no watch service is
 *       available or {@link Builder#optPollOnly} is set). Missed or overflowed events therefore cost at
 *       most one poll interval. Each candidate file's <em>arrival</em> (first time seen, host clock) is
 *       recorded.
 *   <li>Hidden files ({@code .name}) and temp names ({@code .tmp}, {@code .part}, {@code ~}, ...) are
 *       ignored; anything else that is not a pair file is a stray, logged and shown in {@link #status()}.
 *   <li>A file counts as written once it ends with the PNG {@code IEND} chunk and its size and mtime have
 *       not changed for the settle time, so a file written in pieces is never read early.
 *   <li>{@link #arm} marks every file already present as stale: it belongs to an earlier take and is
 *       never delivered. Frames are then delivered strictly in order of arrival (ties by name): the
 *       oldest pair must be complete before a later one is delivered.
 *   <li>Timestamp check: for a frame with a board time, latency = arrival − board time. The first frame
 *       of an arm sets the reference latency; every later frame must be within the tolerance of it,
 *       otherwise a {@link DeviceException} names the file, the step and both latencies.
 *   <li>Each file is consumed at most once (by name, size and mtime, even if it reappears). Policy
 *       {@link Policy#MOVE} (default) moves delivered pairs to {@code ingested/} and rejected ones to
 *       {@code rejected/} inside the folder; {@link Policy#LEAVE} leaves them in place. Files are never
 *       deleted.
 * </ol>
 *
 * <p>A frame that fails (wrong size or bit depth, corrupt PNG, out of tolerance) still uses up its step, so
 * the next call matches the next step. Thread-safe; {@link #nextFrame} calls are served one at a time.
 */
public final class HotFolderCamera implements DpCamera {
  private static final Logger LOG = LoggerFactory.getLogger(HotFolderCamera.class);

  /** Driver version reported in the status. */
  public static final String VERSION = "hot-folder 1";
  /** Sub-folder receiving delivered files under {@link Policy#MOVE}. */
  public static final String INGESTED = "ingested";
  /** Sub-folder receiving files of failed frames under {@link Policy#MOVE}. */
  public static final String REJECTED = "rejected";

  private static final String LEFT = "_L.png";
  private static final String RIGHT = "_R.png";
  private static final byte[] IEND_TRAILER = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

  /** What happens to a file once its frame was delivered or rejected. */
  public enum Policy {
    /** Leave files where they are; they are remembered and never delivered again. */
    LEAVE,
    /** Move them to {@code ingested/} (delivered) or {@code rejected/} (failed) inside the folder. */
    MOVE
  }

  private final String id;
  private final Path folder;
  private final Resolution resolution;
  private final SplitAxis splitAxis;
  private final Clock clock;
  private final Duration tolerance;
  private final Duration settle;
  private final Duration pollInterval;
  private final Policy policy;
  private final String prefix;

  private final Object frameLock = new Object();
  private final Object lock = new Object();
  // ---- guarded by lock
  private final Map<String, Seen> seen = new HashMap<>();
  private final Set<String> consumedKeys = new HashSet<>();
  private final Set<String> strays = new LinkedHashSet<>();
  private final Set<String> loggedStrays = new HashSet<>();
  private final List<String> moveProblems = new ArrayList<>();
  private boolean folderReadable;
  private String scanProblem;
  private int armedExposures = -1;
  private long exposureMicros;
  private int delivered;
  private Long referenceLatencyMicros;
  private int referenceStep;
  private final DeviceHealth health;
  // ----
  private final WatchService watchService;
  private final Thread watcher;

  /** One candidate file as seen by the scans. */
  private static final class Seen {
    final String name;
    final Instant arrival;
    long size;
    long modifiedMillis;
    Instant lastChange;
    boolean complete;
    boolean stale;
    boolean consumed;

    Seen(String name, Instant arrival, long size, long modifiedMillis) {
      this.name = name;
      this.arrival = arrival;
      this.size = size;
      this.modifiedMillis = modifiedMillis;
      this.lastChange = arrival;
    }

    String key() {
      return name + "|" + size + "|" + modifiedMillis;
    }
  }

  private HotFolderCamera(Builder b) throws DeviceException {
    this.id = b.id;
    this.folder = b.folder;
    this.resolution = b.resolution;
    this.splitAxis = b.splitAxis;
    this.clock = b.clock;
    this.tolerance = b.tolerance;
    this.settle = b.settle;
    this.pollInterval = b.pollInterval;
    this.policy = b.policy;
    this.prefix = b.prefix;
    this.health = new DeviceHealth(id, "camera");
    if (!Files.isDirectory(folder)) {
      throw new DeviceException(id + ": hot folder " + folder + " does not exist");
    }
    WatchService ws = null;
    if (!b.pollOnly) {
      try {
        ws = folder.getFileSystem().newWatchService();
        folder.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.info("{}: no watch service for {} ({}), polling every {} ms", id, folder, e.getMessage(),
            pollInterval.toMillis());
        closeQuietly(ws);
        ws = null;
      }
    }
    this.watchService = ws;
    synchronized (lock) {
      scan();
    }
    this.watcher = new Thread(this::watchLoop, "hotfolder-" + id);
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Starts a builder; required: id, folder, resolution, split axis. */
  public static Builder builder() {
    return new Builder();
  }

  /** True if this camera watches with a {@link WatchService}; false if it only polls. */
  public boolean watching() {
    return watchService != null;
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
  public void arm(int exposures, long exposureMicros) throws DeviceException {
    if (exposures < 1) {
      throw new IllegalArgumentException(id + ": exposures must be >= 1, got " + exposures);
    }
    synchronized (lock) {
      health.checkOpen();
      scan();
      if (!folderReadable) {
        throw fail(id + ": cannot arm: " + scanProblem);
      }
      int stale = 0;
      for (Seen s : seen.values()) {
        if (!s.consumed && !s.stale) {
          s.stale = true;
          stale++;
        }
      }
      if (stale > 0) {
        LOG.warn("{}: {} file(s) already in {} at arm are ignored as left over from before", id, stale, folder);
      }
      moveProblems.clear();
      health.clearProblem();
      this.armedExposures = exposures;
      this.exposureMicros = exposureMicros;
      this.delivered = 0;
      this.referenceLatencyMicros = null;
      LOG.debug("{} armed for {} exposures of {} us", id, exposures, exposureMicros);
    }
  }

  @Override
  public DpFrame nextFrame(long boardMicros, Duration timeout) throws DeviceException {
    synchronized (frameLock) {
      Instant start = clock.instant();
      long deadline = System.nanoTime() + timeout.toNanos();
      Seen left;
      Seen right;
      int step;
      long exposure;
      synchronized (lock) {
        health.checkOpen();
        if (armedExposures < 0) {
          throw fail(id + ": nextFrame before arm");
        }
        if (delivered >= armedExposures) {
          throw fail(id + ": all " + armedExposures + " armed frames were already delivered");
        }
        step = delivered;
        exposure = exposureMicros;
        Seen[] pair;
        while ((pair = readyPair()) == null) {
          long left0 = deadline - System.nanoTime();
          if (left0 <= 0 || health.closed()) {
            String why = health.closed() ? " (camera closed)" : "";
            throw health.timeout(id + ": no frame for step " + step + " of " + armedExposures + " within "
                + Duration.between(start, clock.instant()).toMillis() + " ms (timeout " + timeout.toMillis()
                + " ms) in " + folder + why + waitingDetail());
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, left0);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(id + ": interrupted waiting for step " + step);
          }
        }
        left = pair[0];
        right = pair[1];
        left.consumed = true;
        right.consumed = true;
        consumedKeys.add(left.key());
        consumedKeys.add(right.key());
        delivered++;
        health.seen(left.arrival.isBefore(right.arrival) ? left.arrival : right.arrival);
      }
      Path l = folder.resolve(left.name);
      Path r = folder.resolve(right.name);
      Instant arrival = left.arrival.isBefore(right.arrival) ? left.arrival : right.arrival;
      try {
        checkTiming(step, boardMicros, arrival, l);
        GrayU16 li = read(step, l);
        GrayU16 ri = read(step, r);
        dispose(INGESTED, l, r);
        synchronized (lock) {
          health.clearProblem();
        }
        return new DpFrame(id, step, exposure, boardMicros, clock.instant(), li, ri);
      } catch (DeviceException e) {
        dispose(REJECTED, l, r);
        throw e;
      }
    }
  }

  /** The oldest unconsumed pair if both files are complete; null if none or the oldest is not ready. */
  private Seen[] readyPair() {
    Seen oldest = null;
    for (Seen s : seen.values()) {
      if (s.stale || s.consumed) {
        continue;
      }
      if (oldest == null || s.arrival.isBefore(oldest.arrival)
          || (s.arrival.equals(oldest.arrival) && stem(s.name).compareTo(stem(oldest.name)) < 0)) {
        oldest = s;
      }
    }
    if (oldest == null) {
      return null;
    }
    String stem = stem(oldest.name);
    Seen l = live(stem + LEFT);
    Seen r = live(stem + RIGHT);
    if (l == null || r == null || !l.complete || !r.complete) {
      return null;
    }
    return new Seen[] {l, r};
  }

  private Seen live(String name) {
    Seen s = seen.get(name);
    return s == null || s.stale || s.consumed ? null : s;
  }

  /** Why the oldest pending frame is not ready, for timeout messages. */
  private String waitingDetail() {
    List<String> pending = new ArrayList<>();
    for (Seen s : seen.values()) {
      if (!s.stale && !s.consumed) {
        String partner = partner(s.name);
        if (live(partner) == null) {
          pending.add(s.name + " has no partner " + partner);
        } else if (!s.complete) {
          pending.add(s.name + " is still being written (" + s.size + " bytes so far)");
        }
      }
    }
    pending.sort(null);
    return pending.isEmpty() ? "; no new pair file arrived" : "; " + String.join(", ", pending);
  }

  private void checkTiming(int step, long boardMicros, Instant arrival, Path file) throws DeviceException {
    if (boardMicros < 0) {
      return;
    }
    long arrivalMicros = TimeUnit.SECONDS.toMicros(arrival.getEpochSecond()) + arrival.getNano() / 1000;
    long latency = arrivalMicros - boardMicros;
    synchronized (lock) {
      if (referenceLatencyMicros == null) {
        referenceLatencyMicros = latency;
        referenceStep = step;
        return;
      }
      long off = latency - referenceLatencyMicros;
      long tol = tolerance.toNanos() / 1000;
      if (Math.abs(off) > tol) {
        throw fail(id + ": " + file + " does not match step " + step + ": it arrived " + off / 1000
            + " ms " + (off > 0 ? "later" : "earlier") + " after its board time than step " + referenceStep
            + "'s frame did (tolerance " + tolerance.toMillis() + " ms); a missing or extra shot?");
      }
    }
  }

  private GrayU16 read(int step, Path file) throws DeviceException {
    GrayU16 image;
    try {
      image = PngImages.readGrayU16(file);
    } catch (IOException e) {
      throw fail(id + ": step " + step + ": " + e.getMessage(), e);
    }
    if (image.width() != resolution.width() || image.height() != resolution.height()) {
      throw fail(id + ": step " + step + ": " + file + " is " + image.width() + "x" + image.height()
          + ", expected " + resolution);
    }
    return image;
  }

  private void dispose(String sub, Path... files) {
    if (policy == Policy.LEAVE) {
      return;
    }
    for (Path f : files) {
      try {
        Path dir = Files.createDirectories(folder.resolve(sub));
        Path target = dir.resolve(f.getFileName());
        for (int n = 1; ; n++) {
          try {
            Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
            break;
          } catch (FileAlreadyExistsException e) {
            target = dir.resolve(f.getFileName() + "." + n);
          }
        }
      } catch (IOException e) {
        String p = "could not move " + f + " to " + sub + "/: " + e;
        LOG.warn("{}: {}", id, p);
        synchronized (lock) {
          moveProblems.add(p);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------ watching

  private void watchLoop() {
    while (true) {
      synchronized (lock) {
        if (health.closed()) {
          return;
        }
        scan();
        lock.notifyAll();
      }
      try {
        if (watchService != null) {
          WatchKey key = watchService.poll(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
          if (key != null) {
            key.pollEvents(); // events only wake us; the rescan finds what changed (also after OVERFLOW)
            key.reset();
          }
        } else {
          TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
    }
  }

  /** Lists the folder and updates the table of candidate files. Caller holds {@link #lock}. */
  private void scan() {
    Instant now = clock.instant();
    Set<String> present = new HashSet<>();
    strays.clear();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (isTemp(name)) {
          continue;
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
          continue; // vanished between listing and stat (e.g. a tool renaming its temp file)
        }
        if (a.isDirectory()) {
          continue;
        }
        if (!isPairFile(name)) {
          strays.add(name);
          if (loggedStrays.add(name)) {
            LOG.warn("{}: ignoring stray file {} in {}", id, name, folder);
          }
          continue;
        }
        present.add(name);
        long size = a.size();
        long mtime = a.lastModifiedTime().toMillis();
        Seen s = seen.get(name);
        if (s == null || (s.consumed && (s.size != size || s.modifiedMillis != mtime))) {
          // New file, or a consumed name rewritten with new content: a new shot.
          s = new Seen(name, now, size, mtime);
          s.consumed = consumedKeys.contains(s.key());
          seen.put(name, s);
        } else if (s.size != size || s.modifiedMillis != mtime) {
          s.size = size;
          s.modifiedMillis = mtime;
          s.lastChange = now;
          s.complete = false;
        }
        if (!s.complete && !s.consumed && !s.stale
            && Duration.between(s.lastChange, now).compareTo(settle) >= 0) {
          s.complete = endsWithIend(p, size);
        }
      }
      folderReadable = true;
      scanProblem = null;
    } catch (IOException | RuntimeException e) {
      folderReadable = false;
      scanProblem = "hot folder " + folder + " is not readable: " + e;
      return;
    }
    seen.keySet().retainAll(present);
  }

  private static boolean endsWithIend(Path p, long size) {
    if (size < 8 + 25 + IEND_TRAILER.length) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(IEND_TRAILER.length);
      long pos = size - IEND_TRAILER.length;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos + buf.position());
        if (n < 0) {
          return false;
        }
      }
      for (int i = 0; i < IEND_TRAILER.length; i++) {
        if (buf.get(i) != IEND_TRAILER[i]) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Names written by tools while a file is in progress: hidden, {@code *.tmp}, {@code *.part}, {@code *~}. */
  static boolean isTemp(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.startsWith(".") || n.endsWith("~") || n.endsWith(".tmp") || n.endsWith(".part")
        || n.endsWith(".partial") || n.endsWith(".crdownload") || n.endsWith(".download") || n.endsWith(".swp");
  }

  private boolean isPairFile(String name) {
    return name.startsWith(prefix) && name.length() > LEFT.length()
        && (name.endsWith(LEFT) || name.endsWith(RIGHT));
  }

  private static String stem(String name) {
    return name.substring(0, name.length() - LEFT.length());
  }

  private static String partner(String name) {
    return stem(name) + (name.endsWith(LEFT) ? RIGHT : LEFT);
  }

  // ------------------------------------------------------------------------------------------ status

  @Override
  public DeviceStatus status() {
    synchronized (lock) {
      if (!health.closed()) {
        scan();
      }
      List<String> problems = health.problems(folderReadable ? null : scanProblem);
      problems.addAll(moveProblems);
      if (!strays.isEmpty()) {
        problems.add(strays.size() + " stray file(s) in the folder ignored, e.g. " + strays.iterator().next());
      }
      long leftovers = seen.values().stream().filter(s -> s.stale).count();
      if (leftovers > 0) {
        problems.add(leftovers + " pair file(s) from before the last arm ignored");
      }
      return new DeviceStatus(id, !health.closed() && folderReadable, VERSION, health.lastSeen(), problems);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (health.closed()) {
        return;
      }
      health.close();
      lock.notifyAll();
    }
    closeQuietly(watchService);
    watcher.interrupt();
    try {
      watcher.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(WatchService ws) {
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        LOG.debug("closing watch service: {}", e.toString());
      }
    }
  }

  private DeviceException fail(String message) {
    synchronized (lock) {
      return health.fail(message);
    }
  }

  private DeviceException fail(String message, Throwable cause) {
    synchronized (lock) {
      return health.fail(message, cause);
    }
  }

  /**
   * Configures a {@link HotFolderCamera}. Defaults: system UTC clock, timestamp tolerance 500 ms, settle
   * time 50 ms, poll interval 25 ms, policy {@link Policy#MOVE}, no name prefix, watch service on.
   */
  public static final class Builder {
    private String id;
    private Path folder;
    private Resolution resolution;
    private SplitAxis splitAxis;
    private Clock clock = Clock.systemUTC();
    private Duration tolerance = Duration.ofMillis(500);
    private Duration settle = Duration.ofMillis(50);
    private Duration pollInterval = Duration.ofMillis(25);
    private Policy policy = Policy.MOVE;
    private String prefix = "";
    private boolean pollOnly;

    private Builder() {}

    /** The rig's camera id, e.g. {@code cam0}. */
    public Builder setId(String id) {
      this.id = id;
      return this;
    }

    /** The folder the tethering software writes into (must exist). */
    public Builder setFolder(Path folder) {
      this.folder = folder;
      return this;
    }

    /** Expected size of each DP view; other sizes are refused. */
    public Builder setResolution(Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    /** The camera's DP split axis. */
    public Builder setSplitAxis(SplitAxis splitAxis) {
      this.splitAxis = splitAxis;
      return this;
    }

    /** Host clock for arrival times and frame stamps. */
    public Builder optClock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How far a frame's arrival latency (arrival − board time) may differ from the arm's first frame's. */
    public Builder optTolerance(Duration tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /** How long a file must stay unchanged (size and mtime) before it is read. */
    public Builder optSettle(Duration settle) {
      this.settle = settle;
      return this;
    }

    /** Longest time between rescans, with or without a watch service. */
    public Builder optPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /** What to do with files after their frame was delivered or rejected. */
    public Builder optPolicy(Policy policy) {
      this.policy = policy;
      return this;
    }

    /** Only pair files whose names start with this prefix are frames (others are strays). */
    public Builder optNamePrefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** Poll only, without a watch service (e.g. network file systems that deliver no events). */
    public Builder optPollOnly(boolean pollOnly) {
      this.pollOnly = pollOnly;
      return this;
    }

    /**
     * Validates the configuration, takes a first look at the folder and starts the watcher thread.
     *
     * @throws DeviceException if the folder does not exist
     */
    public HotFolderCamera build() throws DeviceException {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(resolution, "resolution");
      Objects.requireNonNull(splitAxis, "splitAxis");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(prefix, "prefix");
      for (Duration d : List.of(tolerance, settle, pollInterval)) {
        if (d.isNegative()) {
          throw new IllegalArgumentException(id + ": durations must be >= 0, got " + d);
        }
      }
      if (pollInterval.isZero()) {
        throw new IllegalArgumentException(id + ": poll interval must be > 0");
      }
      return new HotFolderCamera(this);
    }
  }
}
