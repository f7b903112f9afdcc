package org.dpface.cli.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dpface.capture.device.virtual.VirtualTakeFrameSource;
import org.dpface.capture.run.CaptureListener;
import org.dpface.capture.session.CapturePlan;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.dpface.core.image.GrayU8;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.subject.Expression;
import org.dpface.rigs.virtual.subject.HeadDirection;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectDistance;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;
import org.dpface.rigs.virtual.take.TruthWriter;
import org.dpface.rigs.virtual.take.VirtualTake;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;

/**
 * What the virtual rig's cameras see during one session: for each take, the session's pseudonymous
 * subject ({@code sub-0003} → synthetic subject number 3 drawn from the lab seed) posed with the take's
 * expression, distance and head direction, lit by dpface's structured-light sequence on every projector
 * and by each lamp. A {@link CaptureListener}: at {@code takeStarted} (before the cameras are armed) it
 * prepares the {@link VirtualTake} and loads it into the {@link VirtualTakeFrameSource}; at {@code
 * takeFinished} it writes the take's ground truth ({@link TruthWriter}) to {@code
 * <truthRoot>/<session>/<take>/} when the take is COMPLETE, and releases the take. Every other event is
 * passed on to a wrapped listener (progress).
 *
 * <p>Takes are rendered without the ambient shot (the capture plan has no ambient step; see {@link
 * VirtualTakeFrameSource}). Sensor noise is seeded per (lab seed, subject, take), so a take is reproducible.
 */
public final class VirtualSubjects implements CaptureListener, AutoCloseable {
  /** The sequence file in each session folder: what the structured-light steps of its takes show. */
  public static final String SEQUENCE_FILE = "sl-sequence.json";

  private final RigDescription rig;
  private final Session session;
  private final VirtualTakeConfig config;
  private final Path truthRoot;
  private final long seed;
  private final CaptureListener inner;
  private final List<GrayU8> patterns;
  private final VirtualTakeFrameSource source;
  private final HeadModel model = HeadModel.standard();
  private final SyntheticSubject subject;
  private VirtualTake current;

  /**
   * @param rig the rig the session captures on (cameras, projectors, lamps as rendered)
   * @param session the session (its plan must match the rig, see {@link #plan})
   * @param sessionDir the session folder: {@value #SEQUENCE_FILE} is written there
   * @param config take settings (its seed is replaced per take; the ambient shot is turned off)
   * @param truthRoot where truth goes ({@code <truthRoot>/<session>/<take>/}); null: no truth written
   * @param seed the lab seed subjects are drawn from
   * @param inner receives every event too (e.g. progress lines)
   */
  public VirtualSubjects(RigDescription rig, Session session, Path sessionDir, VirtualTakeConfig config,
      Path truthRoot, long seed, CaptureListener inner) throws IOException {
    this.rig = Objects.requireNonNull(rig, "rig");
    this.session = Objects.requireNonNull(session, "session");
    this.config = config.withAmbientShot(false);
    this.truthRoot = truthRoot;
    this.seed = seed;
    this.inner = inner == null ? CaptureListener.NONE : inner;
    SequenceDescription sequence = sequence(rig);
    int expected = structuredLightFrames(rig);
    if (session.plan().structuredLightFrames() != expected) {
      throw new IllegalArgumentException("session " + session.id() + " fires " + session.plan().structuredLightFrames()
          + " structured-light steps per take but the virtual rig shows dpface's " + sequence.size() + "-frame sequence on "
          + rig.projectors().size() + " projector(s) = " + expected + "; start the session without --sl-frames");
    }
    this.patterns = new PatternGenerator(sequence).renderAllU8();
    this.source = new VirtualTakeFrameSource(session.plan());
    this.subject = SyntheticSubject.ofDataset(seed, subjectNumber(session.subjectId()), model);
    SequenceFiles.write(sessionDir.resolve(SEQUENCE_FILE), sequence);
  }

  /** dpface's default sequence for the rig's projectors (all must have the same resolution). */
  public static SequenceDescription sequence(RigDescription rig) {
    if (rig.projectors().isEmpty()) {
      throw new IllegalArgumentException("rig " + rig.id() + " has no projector");
    }
    ProjectorSpec p0 = rig.projectors().get(0);
    for (ProjectorSpec p : rig.projectors()) {
      if (!p.resolution().equals(p0.resolution())) {
        throw new IllegalArgumentException("projectors " + p0.id() + " and " + p.id() + " differ in resolution");
      }
    }
    return Sequences.dpface(p0.resolution().width(), p0.resolution().height(), SequenceConfig.defaults());
  }

  /** Structured-light steps per take on {@code rig}: projectors × sequence frames. */
  public static int structuredLightFrames(RigDescription rig) {
    return rig.projectors().size() * sequence(rig).size();
  }

  /** A plan of {@code takes} that the virtual rig renders step for step: the full sequence, every lamp. */
  public static CapturePlan plan(RigDescription rig, List<TakeSpec> takes) {
    return new CapturePlan(takes, structuredLightFrames(rig), rig.lights().stream().map(LightSpec::id).toList());
  }

  /** The frame source the virtual cameras render from. */
  public VirtualTakeFrameSource source() {
    return source;
  }

  /** The posed subject of a take spec (world frame, mm). */
  public PosedSubject posed(TakeSpec spec) {
    return subject.pose(model, pose(spec), SubjectPlacement.of(rig));
  }

  /** The virtual rig's pose for a capture take spec. */
  public static SubjectPose pose(TakeSpec spec) {
    Expression e = switch (spec.expression()) {
      case NEUTRAL -> Expression.NEUTRAL;
      case FROWNING -> Expression.FROWN;
      case YAWNING -> Expression.YAWN;
    };
    return new SubjectPose(e, HeadDirection.valueOf(spec.direction().name()),
        SubjectDistance.valueOf(spec.distance().name()));
  }

  /** {@code sub-0012} → 12. */
  static int subjectNumber(String subjectId) {
    if (!subjectId.matches("sub-\\d{4}")) {
      throw new IllegalArgumentException("not a pseudonymous subject id: " + subjectId);
    }
    return Integer.parseInt(subjectId.substring(4));
  }

  @Override
  public void takeStarted(Take take, int index, int count) {
    inner.takeStarted(take, index, count);
    release();
    current = prepare(take.spec(), take.id());
    source.use(current);
  }

  /**
   * The virtual take behind take {@code takeId} of this session (what its cameras saw; the caller
   * closes it). Sensor noise is seeded by (lab seed, subject, take id).
   */
  public VirtualTake prepare(TakeSpec spec, String takeId) {
    long takeSeed = seed * 1_000_003L + subjectNumber(session.subjectId()) * 10_007L + takeId.hashCode();
    return VirtualTake.prepare(rig, posed(spec), patterns, config.withSeed(takeSeed));
  }

  @Override
  public void fired(Take take, int steps) {
    inner.fired(take, steps);
  }

  @Override
  public void frameStored(Take take, int frame, int frames) {
    inner.frameStored(take, frame, frames);
  }

  @Override
  public void takeFinished(Take take, int index, int count) {
    try {
      if (truthRoot != null && take.state() == TakeState.COMPLETE && current != null) {
        Path dir = truthRoot.resolve(session.id()).resolve(take.id());
        Files.createDirectories(dir);
        TruthWriter.write(dir, current);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("take " + take.id() + ": writing its truth failed", e);
    } finally {
      release();
      inner.takeFinished(take, index, count);
    }
  }

  private void release() {
    source.clear();
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
