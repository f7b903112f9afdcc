package org.dpface.capture.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dpface.capture.board.FaultInjector;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.device.virtual.TestPatternFrameSource;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.Direction;
import org.dpface.capture.session.Distance;
import org.dpface.capture.session.Expression;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.storage.LocalVolume;
import org.dpface.capture.storage.SessionRequest;
import org.dpface.capture.storage.SessionStore;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.TriggerBoardSpec;

/**
 * A small virtual lab for runner tests: the bundled virtual-8cam rig cut down to 3 cameras of 16x12,
 * one projector and 2 lights; a plan of 2 takes × (4 SL + 2 DP) = 6 steps; a seeded board simulator
 * with a fault injector behind a real socat pty.
 */
final class VirtualLab implements AutoCloseable {
  static final List<String> CAMERAS = List.of("cam0", "cam1", "cam2");
  static final Resolution RES = new Resolution(16, 12);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);
  static final TakeSpec T1 = new TakeSpec(Expression.NEUTRAL, Distance.FORWARD, Direction.LEFT);
  static final TakeSpec T2 = new TakeSpec(Expression.YAWNING, Distance.BACKWARD, Direction.UP);
  static final CapturePlan PLAN = new CapturePlan(List.of(T1, T2), 4, List.of("light0", "light1"));
  /** Short pulses and gaps; the simulated board's tolerance (see {@link Timing#simulatedBoard()}). */
  static final Timing TIMING = new Timing(2_000, 1_000, 3_000, 250_000);
  static final Duration FRAME_TIMEOUT = Duration.ofSeconds(2);
  static final long SEED = 20_250_304L;

  final Path lab;
  final RigDescription rig;
  final TestPatternFrameSource source;
  final FaultInjector faults;
  final VirtualCaptureRig virtual;
  final TakeRunner runner;
  final SubjectRegistry registry;

  VirtualLab(Path dir) throws IOException {
    lab = dir.resolve("lab");
    rig = smallRig();
    source = new TestPatternFrameSource(CAMERAS, PLAN.stepCount(), SEED);
    faults = new FaultInjector(SEED);
    SimulatedBoard sim = SimulatedBoard.builder().optSeed(SEED).optFaults(faults).build();
    virtual = VirtualCaptureRig.open(rig, source, SimulatedBoardConnection.Transport.PTY, dir.resolve("pty"), sim,
        CLOCK);
    runner = new TakeRunner(virtual.rig(), TriggerPlans.build(rig, PLAN, TIMING), FRAME_TIMEOUT, 2);
    registry = SubjectRegistry.open(lab);
  }

  /** The bundled virtual-8cam rig reduced to {@link #CAMERAS} at {@link #RES}, proj0, light0 and light1. */
  static RigDescription smallRig() throws IOException {
    RigDescription full = BundledRigs.load("virtual-8cam");
    Set<String> keep = Set.of("cam0", "cam1", "cam2", "proj0", "light0", "light1");
    List<CameraSpec> cams = full.cameras().stream().filter(c -> keep.contains(c.id()))
        .map(c -> new CameraSpec(c.id(), c.model(), RES, c.pixelPitchUm(), c.lens(), c.dualPixel(), Optional.empty(),
            c.driver(), c.cameraToWorld()))
        .toList();
    TriggerBoardSpec board = TriggerBoardSpec.virtual(full.triggerBoard().channelCount(),
        full.triggerBoard().channels().stream().filter(m -> keep.contains(m.target())).toList());
    return new RigDescription("virtual-3cam-test", "test rig", full.worldFrame(), cams,
        full.projectors().stream().filter(p -> keep.contains(p.id())).toList(),
        full.lights().stream().filter(l -> keep.contains(l.id())).toList(), board, full.nominalGeometry());
  }

  static ConsentRecord consent(Optional<LocalDate> expires) {
    return new ConsentRecord(List.of("capture", "dataset"), "v2", LocalDate.parse("2025-03-01"), expires);
  }

  /** A consented subject and a new session of {@link #PLAN}. */
  SessionStore newSession(Optional<LocalDate> consentExpires) throws IOException, ConsentException {
    String subject = registry.add(consent(consentExpires)).id();
    return SessionStore.create(lab, registry, LocalVolume.INSTANCE, CLOCK,
        new SessionRequest(subject, rig.id(), "cal-0001", "AB", PLAN));
  }

  SessionStore reopen(String sessionId, Clock clock) throws IOException {
    return SessionStore.open(lab, sessionId, registry, LocalVolume.INSTANCE, clock);
  }

  SessionRunner sessionRunner(CaptureListener listener) {
    return new SessionRunner(runner, listener);
  }

  @Override
  public void close() {
    runner.close();
    virtual.close();
  }
}
