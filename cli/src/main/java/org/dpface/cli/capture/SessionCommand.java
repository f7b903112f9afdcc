package org.dpface.cli.capture;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.storage.LocalVolume;
import org.dpface.capture.storage.SessionRequest;
import org.dpface.capture.storage.SessionStore;
import org.dpface.cli.Dpface;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.RigDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpface session start|status}: capture sessions of a subject on a rig. */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = "Capture sessions: start one for a consented subject, show where one stands.",
    subcommands = {SessionCommand.Start.class, SessionCommand.Status.class})
public final class SessionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (start, status)");
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = {"Starts a session: the default plan (3 expressions x 2 distances x 4 directions), each take",
          "the structured-light steps then a DP shot under every light of the rig. Prints the session ID."})
  static final class Start implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
    Path lab;

    @Option(names = "--subject", required = true, paramLabel = "ID", description = "Subject ID (sub-NNNN).")
    String subject;

    @Option(names = "--rig", defaultValue = "virtual-8cam", paramLabel = "ID",
        description = "Bundled rig id (default: ${DEFAULT-VALUE}).")
    String rig;

    @Option(names = "--calibration", required = true, paramLabel = "ID", description = "Calibration in force.")
    String calibration;

    @Option(names = "--operator", required = true, paramLabel = "INITIALS", description = "1-8 letters or digits.")
    String operator;

    @Option(names = "--sl-frames", paramLabel = "N",
        description = "Structured-light steps per take, split evenly among the projectors (default: dpface's "
            + "sequence on every projector of the rig, what the virtual rig renders).")
    Integer slFrames;

    @Option(names = "--takes", split = ",", paramLabel = "LABEL",
        description = "Only these takes of the default plan, e.g. neutral-forward-left.")
    List<String> takes;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      RigDescription r = LabRigs.load(lab, rig);
      int sl = slFrames != null ? slFrames : VirtualSubjects.structuredLightFrames(r);
      List<String> lights = r.lights().stream().map(LightSpec::id).toList();
      CapturePlan plan = CapturePlan.defaultPlan(sl, lights);
      if (takes != null && !takes.isEmpty()) {
        List<TakeSpec> chosen = takes.stream().map(TakeSpec::parse).toList();
        plan = new CapturePlan(chosen, sl, lights);
      }
      SubjectRegistry registry = SubjectRegistry.open(lab);
      try (SessionStore store = SessionStore.create(lab, registry, LocalVolume.INSTANCE, Clock.systemUTC(),
          new SessionRequest(subject, rig, calibration, operator, plan))) {
        spec.commandLine().getOut().println(store.session().id());
      }
      spec.commandLine().getOut().flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a session and every take's state.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
    Path lab;

    @Option(names = "--session", required = true, paramLabel = "ID", description = "Session ID (sub-NNNN-ses-NN).")
    String session;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (SessionStore store = SessionStore.open(lab, session, SubjectRegistry.open(lab), LocalVolume.INSTANCE,
          Clock.systemUTC())) {
        out.print(format(store.session()));
      }
      out.flush();
      return Dpface.EXIT_OK;
    }
  }

  /** The session header and one line per take. */
  static String format(Session s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("session %s  subject %s  rig %s  calibration %s  operator %s%n", s.id(), s.subjectId(),
        s.rigId(), s.calibrationId(), s.operator()));
    b.append(String.format("plan: %d takes x %d steps (%d structured light, %d lights)%n", s.plan().takes().size(),
        s.plan().stepCount(), s.plan().structuredLightFrames(), s.plan().lightIds().size()));
    long complete = s.plan().takes().stream().filter(spec -> s.takes().stream()
        .anyMatch(t -> t.spec().equals(spec) && t.state() == org.dpface.capture.session.TakeState.COMPLETE)).count();
    for (Take t : s.takes()) {
      b.append(String.format("  %s  %-24s attempt %d  %-10s%s%n", t.id(), t.spec().label(), t.attempt(), t.state(),
          t.reason().map(r -> "  " + r).orElse("") + t.supersededBy().map(x -> "  (by " + x + ")").orElse("")));
    }
    b.append(complete).append(" of ").append(s.plan().takes().size()).append(" takes complete")
        .append(s.done() ? " - session done" : "").append('\n');
    return b.toString();
  }
}
