package org.dpface.capture.device.virtual;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpface.capture.session.PlanStep;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.TargetRenderConfig;
import org.dpface.rigs.virtual.targets.TargetRenderer;

/**
 * The virtual rig's calibration targets as a {@link FrameSource}: every camera's DP frame at each step of a
 * calibration take ({@code org.dpface.capture.run.TriggerPlans#calibrationSteps}: SL blocks per projector,
 * then {@code flat}) is {@link TargetRenderer}'s render of the target {@linkplain #use loaded} for the take
 * (a flat-lit frame, or the board under the projector's pattern). The operator moves the target between
 * takes: {@link #use} it before the take's cameras are armed. The pose given to {@link #use} is the virtual
 * rig's truth: it renders the frames and is never stored with them.
 *
 * <p>Thread-safe (calls are serialised: the renderer is not). A camera's frames of one projector block are
 * rendered together on its first SL step of the block and handed out step by step.
 */
public final class VirtualCalibrationFrameSource implements FrameSource, AutoCloseable {
  private final RigDescription rig;
  private List<PlanStep> steps = List.of();
  private final List<? extends List<? extends ImageBase>> patterns;
  private final TargetRenderConfig config;
  private final Map<String, Integer> cameraIndex = new HashMap<>();
  private final Map<BoardSpec, TargetRenderer> renderers = new LinkedHashMap<>();
  private final Map<String, List<GrayU16[]>> block = new HashMap<>();
  private final int perProjector;
  private TargetRenderer renderer;
  private RigidTransform pose;
  private int poseIndex = -1;

  /**
   * @param rig the rig rendered (its cameras in rig order)
   * @param patterns per projector (rig order), the images its SL steps show, in step order; the SL steps of
   *     a take are these blocks one after another
   * @param config render settings (seed, threads, sensor)
   */
  public VirtualCalibrationFrameSource(RigDescription rig, List<? extends List<? extends ImageBase>> patterns,
      TargetRenderConfig config) {
    this.rig = Objects.requireNonNull(rig, "rig");
    this.patterns = List.copyOf(patterns);
    this.config = Objects.requireNonNull(config, "config");
    if (patterns.size() != rig.projectors().size()) {
      throw new IllegalArgumentException(patterns.size() + " pattern lists for " + rig.projectors().size()
          + " projectors of rig " + rig.id());
    }
    this.perProjector = patterns.isEmpty() ? 0 : patterns.get(0).size();
    for (List<? extends ImageBase> p : patterns) {
      if (p.size() != perProjector) {
        throw new IllegalArgumentException("every projector must show the same number of patterns");
      }
    }
    List<CameraSpec> cams = rig.cameras();
    for (int c = 0; c < cams.size(); c++) {
      cameraIndex.put(cams.get(c).id(), c);
    }
  }

  /** Steps of the loaded take (0 before the first {@link #use}). */
  @Override
  public synchronized int stepCount() {
    return steps.size();
  }

  /**
   * Loads the target of the next take: {@code board} at {@code boardToWorld} (truth, rendering only);
   * {@code poseIndex} keys the sensor noise (distinct per take); {@code takeSteps} are the take's steps (its
   * SL steps, if any, are every projector's whole block).
   */
  public synchronized void use(BoardSpec board, int poseIndex, RigidTransform boardToWorld, List<PlanStep> takeSteps) {
    long sl = takeSteps.stream().filter(s -> s.kind() == PlanStep.Kind.STRUCTURED_LIGHT).count();
    if (sl != 0 && sl != (long) perProjector * patterns.size()) {
      throw new IllegalArgumentException("the take has " + sl + " SL steps but the projectors show "
          + perProjector * patterns.size() + " patterns");
    }
    this.steps = List.copyOf(takeSteps);
    this.renderer = renderers.computeIfAbsent(Objects.requireNonNull(board, "board"),
        b -> new TargetRenderer(rig, b, config));
    this.pose = Objects.requireNonNull(boardToWorld, "boardToWorld");
    this.poseIndex = poseIndex;
    block.clear();
  }

  /** The ADC depth of the render config's sensor. */
  @Override
  public int sensorBits(String cameraId, int step) {
    return config.sensor().adcBits();
  }

  @Override
  public synchronized void renderStep(String cameraId, int step, GrayU16 left, GrayU16 right) {
    if (renderer == null) {
      throw new IllegalStateException("no calibration target loaded: call use(...) before the cameras are armed");
    }
    Integer c = cameraIndex.get(cameraId);
    if (c == null) {
      throw new IllegalArgumentException("rig " + rig.id() + " has no camera " + cameraId);
    }
    PlanStep s = steps.get(step);
    if (s.kind() != PlanStep.Kind.STRUCTURED_LIGHT) {
      renderer.renderFlatPair(poseIndex, pose, c, left, right);
      return;
    }
    int j = s.index() / perProjector;
    int k = s.index() % perProjector;
    String key = cameraId + "/" + j;
    List<GrayU16[]> frames = block.get(key);
    if (frames == null) {
      frames = new ArrayList<>(renderer.renderPatternPairs(poseIndex, pose, c, j, patterns.get(j)));
      block.put(key, frames);
    }
    GrayU16[] pair = frames.get(k);
    frames.set(k, null);
    if (k == perProjector - 1) {
      block.remove(key);
    }
    left.setTo(pair[0]);
    right.setTo(pair[1]);
  }

  @Override
  public synchronized void close() {
    renderers.values().forEach(TargetRenderer::close);
    renderers.clear();
    renderer = null;
  }
}
