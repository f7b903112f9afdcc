package org.dpface.cli.capture;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpface.capture.run.CaptureListener;
import org.dpface.capture.run.SessionRunner;
import org.dpface.capture.run.TakeRunner;
import org.dpface.capture.run.TakeSchedule;
import org.dpface.capture.run.Timing;
import org.dpface.capture.run.TriggerPlans;
import org.dpface.capture.run.VirtualCaptureRig;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.storage.LocalVolume;
import org.dpface.capture.storage.SessionStore;
import org.dpface.cli.Dpface;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface capture}: one take, or the rest of a session's plan, on the session's rig. A FAILED or
 * INCOMPLETE take given with {@code --take} is retaken (one command); {@code --all} continues the plan.
 * Exit code 1 if a take failed.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {"Captures one take (--take LABEL; a failed one is retaken) or the rest of the plan (--all).",
        "Progress per take and per trigger step; exit code 1 if any take failed."})
public final class CaptureCommand implements Callable<Integer> {
  @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
  Path lab;

  @Option(names = "--session", required = true, paramLabel = "ID", description = "Session ID (sub-NNNN-ses-NN).")
  String session;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  /** --take or --all. */
  static final class Which {
    @Option(names = "--take", paramLabel = "LABEL", description = "One take, e.g. neutral-forward-left.")
    String take;

    @Option(names = "--all", description = "Every take of the plan not complete yet.")
    boolean all;
  }

  @Option(names = "--retake-failed", description = "With --all: also retake FAILED and INCOMPLETE takes.")
  boolean retakeFailed;

  @Option(names = "--retake", description = "With --take: capture again even if the take is COMPLETE.")
  boolean retakeComplete;

  @Option(names = "--cameras", split = ",", paramLabel = "ID", description = "Only these cameras (default: all).")
  List<String> cameras;

  @Option(names = "--link", defaultValue = "AUTO", paramLabel = "LINK",
      description = "Virtual board link: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  VirtualRigLauncher.Link link;

  @Option(names = "--frame-timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "Wait per frame after the board fired (default: ${DEFAULT-VALUE}).")
  int frameTimeoutSeconds;

  @Option(names = "--truth", paramLabel = "DIR",
      description = "Where the virtual rig writes each take's ground truth, as DIR/<session>/<take>/ (default: <lab>/../truth).")
  Path truth;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Lab seed the synthetic subjects and sensor noise are drawn from (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemUTC();
    try (SessionStore store = SessionStore.open(lab, session, SubjectRegistry.open(lab), LocalVolume.INSTANCE,
        clock)) {
      Session s = store.session();
      RigDescription rig = LabRigs.load(lab, s.rigId());
      List<String> cams = cameras == null || cameras.isEmpty()
          ? rig.cameras().stream().map(CameraSpec::id).toList() : cameras;
      TakeSchedule schedule = TriggerPlans.build(rig, s.plan(), Timing.simulatedBoard(), cams);
      int threads = Math.max(1, Math.min(cams.size(), Runtime.getRuntime().availableProcessors()));
      long t0 = System.nanoTime();
      List<Take> done;
      Path truthRoot = truth != null ? truth : lab.toAbsolutePath().normalize().resolveSibling("truth");
      try (VirtualSubjects subjects = new VirtualSubjects(rig, s, store.sessionDir(),
              VirtualTakeConfig.defaults().withThreads(threads), truthRoot, seed, new Progress(out, cams.size()));
          VirtualCaptureRig v = VirtualRigLauncher.open(rig, subjects.source(), link, clock);
          TakeRunner runner = new TakeRunner(v.rig(), schedule, Duration.ofSeconds(frameTimeoutSeconds), threads)) {
        out.printf("rig %s: %d cameras, %d steps per take, board on %s%n", rig.id(), cams.size(),
            schedule.steps().size(), v.connection().port());
        SessionRunner sr = new SessionRunner(runner, subjects);
        if (which.all) {
          SessionRunner.Result r = sr.runPlan(store, retakeFailed);
          done = r.captured();
          out.printf("%d already complete%s%n", r.alreadyComplete(), r.notRetaken().isEmpty() ? ""
              : ", not retaken (use --retake-failed): " + String.join(", ",
                  r.notRetaken().stream().map(t -> t.id() + " " + t.spec().label()).toList()));
        } else {
          done = List.of(sr.runTake(store, TakeSpec.parse(which.take), retakeComplete));
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long failed = done.stream().filter(t -> t.state() != TakeState.COMPLETE).count();
      out.printf(Locale.ROOT, "%d takes captured in %.1f s (%.1f takes/min), %d failed%n", done.size(), seconds,
          done.isEmpty() ? 0.0 : done.size() * 60.0 / seconds, failed);
      out.flush();
      return failed == 0 ? Dpface.EXIT_OK : Dpface.EXIT_FAILURE;
    }
  }

  /** One line per take start and end, one per trigger step stored. */
  private record Progress(PrintWriter out, int cameras) implements CaptureListener {
    @Override
    public void takeStarted(Take take, int index, int count) {
      out.printf("take %d/%d %s %s (attempt %d)%n", index, count, take.id(), take.spec().label(), take.attempt());
      out.flush();
    }

    @Override
    public void frameStored(Take take, int frame, int frames) {
      if (frame % cameras == 0) {
        out.printf("  frames %d/%d%n", frame, frames);
        out.flush();
      }
    }

    @Override
    public void takeFinished(Take take, int index, int count) {
      out.printf("take %d/%d %s %s%s%n", index, count, take.id(), take.state(),
          take.reason().map(r -> ": " + r).orElse(""));
      out.flush();
    }
  }
}
