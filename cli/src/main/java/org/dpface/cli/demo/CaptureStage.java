package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.run.CaptureListener;
import org.dpface.capture.run.SessionRunner;
import org.dpface.capture.run.TakeRunner;
import org.dpface.capture.run.Timing;
import org.dpface.capture.run.TriggerPlans;
import org.dpface.capture.run.VirtualCaptureRig;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.Subject;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.storage.LocalVolume;
import org.dpface.capture.storage.SessionRequest;
import org.dpface.capture.storage.SessionStore;
import org.dpface.cli.capture.LabRigs;
import org.dpface.cli.capture.VirtualSubjects;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.take.ContactSheet;
import org.dpface.rigs.virtual.take.VirtualTake;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures synthetic subjects through the capture controller on the virtual rig: one consented subject
 * and one session per subject, a few varied takes each, fired by the simulated trigger board (in-process
 * link) and stored crash-safely under {@code lab/}; each take's ground truth goes to
 * {@code truth/<session>/<take>/}. The rig is the lab rig binned (2x2, {@code --quick} 4x4) and written to
 * {@code lab/rig.json}, which later stages read. A rerun after an interruption starts the capture afresh.
 */
final class CaptureStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureStage.class);
  static final String LAB = "lab";
  static final String TRUTH = "truth";
  static final String CONTACT_SHEET = "capture/contact-sheet.png";
  /** Varied poses, taken in turn across subjects (expression, distance, direction). */
  static final List<TakeSpec> POSES = Stream.of("neutral-forward-front", "yawning-backward-left",
      "frowning-forward-right", "neutral-backward-up", "yawning-forward-front", "frowning-backward-left")
      .map(TakeSpec::parse).toList();

  @Override
  public String id() {
    return "capture";
  }

  @Override
  public String title() {
    return "Capture synthetic subjects through the capture controller on the virtual rig";
  }

  /** Takes per subject: 2, or 1 with --quick. */
  static int takesPerSubject(DemoConfig c) {
    return c.quick() ? 1 : 2;
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    DemoConfig cfg = ctx.config();
    Path lab = ctx.lab().resolve(LAB);
    Path truth = ctx.lab().resolve(TRUTH);
    // the calibrate stage's calibration sessions (and their truth) live beside the subject captures: kept
    deleteTreeExcept(lab, "calibration");
    deleteTreeExcept(truth, "calibration");
    Files.createDirectories(lab);
    RigDescription rig = DemoRig.forConfig(cfg);
    RigFiles.write(rig, lab.resolve(LabRigs.RIG_FILE));
    List<String> cams = rig.cameras().stream().map(CameraSpec::id).toList();
    int threads = Math.max(1, Math.min(cams.size(), Runtime.getRuntime().availableProcessors()));
    VirtualTakeConfig takeConfig = VirtualTakeConfig.defaults().withThreads(threads);
    Clock clock = Clock.systemUTC();
    SubjectRegistry registry = SubjectRegistry.open(lab);
    int per = takesPerSubject(cfg);
    int takes = 0;
    int frames = 0;
    int failed = 0;
    int steps = 0;
    String contactSheet = null;
    long t0 = System.nanoTime();
    for (int i = 0; i < cfg.subjects(); i++) {
      Subject subject = registry.add(new ConsentRecord(List.of(ConsentRecord.SCOPE_CAPTURE, "dataset"), "demo-1",
          LocalDate.now(clock.withZone(ZoneOffset.UTC)), Optional.empty()));
      List<TakeSpec> specs = new ArrayList<>();
      for (int j = 0; j < per; j++) {
        specs.add(POSES.get((i * per + j) % POSES.size()));
      }
      var plan = VirtualSubjects.plan(rig, specs);
      steps = plan.stepCount();
      try (SessionStore store = SessionStore.create(lab, registry, LocalVolume.INSTANCE, clock,
          new SessionRequest(subject.id(), rig.id(), "demo", "DEMO", plan));
          VirtualSubjects subjects = new VirtualSubjects(rig, store.session(), store.sessionDir(), takeConfig, truth,
              cfg.seed(), new Progress());
          VirtualCaptureRig v = VirtualCaptureRig.open(rig, subjects.source(), SimulatedBoardConnection.Transport.IN_PROCESS,
              null, SimulatedBoard.builder().build(), clock);
          TakeRunner runner = new TakeRunner(v.rig(), TriggerPlans.build(rig, plan, Timing.simulatedBoard()),
              Duration.ofSeconds(30), threads)) {
        SessionRunner.Result r = new SessionRunner(runner, subjects).runPlan(store, false);
        for (Take t : r.captured()) {
          takes++;
          if (t.state() != TakeState.COMPLETE) {
            failed++;
            continue;
          }
          frames += steps * cams.size();
          if (contactSheet == null) {
            try (VirtualTake vt = subjects.prepare(t.spec(), t.id())) {
              ContactSheet.write(ctx.file(CONTACT_SHEET), vt, cams.subList(0, Math.min(3, cams.size())));
            }
            contactSheet = CONTACT_SHEET;
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + takes + " takes failed; see " + lab.resolve("sessions"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rig", rig.id());
    m.put("camera resolution", rig.cameras().get(0).resolution().width() + "x" + rig.cameras().get(0).resolution().height());
    m.put("subjects", cfg.subjects());
    m.put("takes", takes);
    m.put("steps per take", steps);
    m.put("frames (DP pairs) stored", frames);
    m.put("seconds per take (render + store)", seconds / Math.max(1, takes));
    m.put("takes per minute", takes * 60.0 / seconds);
    m.put("MB on disk", bytes(lab) / 1e6);
    String summary = String.format(Locale.ROOT, "%d takes of %d subjects (%d DP pairs) in %.0f s, %.1f takes/min",
        takes, cfg.subjects(), frames, seconds, takes * 60.0 / seconds);
    return StageResult.done(this, summary, m, contactSheet == null ? List.of() : List.of(contactSheet));
  }

  /** One log line per take. */
  private static final class Progress implements CaptureListener {
    private long start;

    @Override
    public void takeStarted(Take take, int index, int count) {
      start = System.nanoTime();
    }

    @Override
    public void takeFinished(Take take, int index, int count) {
      LOG.info("capture: {} {} {} ({}/{}) in {} s", take.id(), take.spec().label(), take.state(), index, count,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    }
  }

  static long bytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Deletes everything in {@code dir} but its child {@code keep}. */
  static void deleteTreeExcept(Path dir, String keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> !p.getFileName().toString().equals(keep)).toList()) {
        if (Files.isDirectory(p)) {
          deleteTree(p);
        } else {
          Files.delete(p);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
