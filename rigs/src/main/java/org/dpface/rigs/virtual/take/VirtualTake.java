package org.dpface.rigs.virtual.take;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.render.IlluminationScene;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.subject.PosedSubject;

/**
 * One virtual take: a posed subject in a rig, rendered step by step as every camera's raw DP pairs.
 * This is what the capture controller's virtual cameras call.
 *
 * <p>Steps, in order ({@link #steps()}):
 * <ol>
 *   <li>for each projector in rig order, each pattern of the sequence (the same sequence on every
 *       projector): {@code sl-<projector>-<nn>}, camera at the SL f-number;
 *   <li>for each lamp in rig order: {@code light-<lamp>}, camera at the DP (lens) f-number;
 *   <li>when {@link VirtualTakeConfig#ambientShot()}: {@code ambient}, every source off but the
 *       ambient light, at the DP f-number (the reference for ambient subtraction).
 * </ol>
 * Ambient light ({@code ambientIrradiance} of the SL / lamp configs) is present in every step.
 *
 * <p>A step of a camera: sharp radiance from the camera's {@link SceneLookup} ({@link
 * org.dpface.rigs.virtual.render.StructuredLightRenderer} or {@link
 * org.dpface.rigs.virtual.render.LightingRenderer}) → {@link DualPixelRenderer#renderPair} at the
 * step's aperture → each half exposed by the step kind's {@link
 * org.dpface.rigs.virtual.render.SensorModel} with noise keyed by (seed, camera index, step, half).
 * The bytes depend only on the inputs, the config and the seed: not on call order, thread count or on
 * which other steps were rendered.
 *
 * <p>Preparation ({@link #prepare}) renders the projector and lamp shadow maps once and every
 * camera's lookup eagerly (the cost of the take outside the per-step passes); the lookups are kept
 * (about 150 bytes per camera pixel), and so is each camera's depth-layer classification ({@link
 * org.dpface.rigs.virtual.optics.DpLayers}, made on the first step at each aperture, about 70 bytes per
 * pixel each): every later step of the camera only scatters its radiance. Thread-safe: {@link #renderStep} may be called concurrently; calls
 * for the same camera are serialised, calls for different cameras run in parallel (up to
 * {@code threads} DP renderers at once, each also using {@code threads} workers per image). Close to
 * stop the worker pools.
 */
public final class VirtualTake implements AutoCloseable {
  private final RigDescription rig;
  private final PosedSubject subject;
  private final List<? extends ImageBase> patterns;
  private final VirtualTakeConfig cfg;
  private final IlluminationScene scene;
  private final List<TakeStep> steps;
  private final List<String> labels;
  private final List<CameraShots> cameras;
  private final RowExecutor rows;
  private final BlockingQueue<DualPixelRenderer> dpPool;
  private final List<DualPixelRenderer> dpAll = new ArrayList<>();

  private VirtualTake(RigDescription rig, PosedSubject subject, List<? extends ImageBase> patterns,
      VirtualTakeConfig cfg) {
    this.rig = rig;
    this.subject = subject;
    this.patterns = List.copyOf(patterns);
    this.cfg = cfg;
    this.scene = IlluminationScene.of(rig, cfg.lightShadows(), cfg.lightShadowMapSize());
    this.steps = buildSteps(rig, this.patterns.size(), cfg.ambientShot());
    this.labels = steps.stream().map(TakeStep::label).toList();
    this.rows = new RowExecutor(cfg.threads());
    List<CameraShots> cams = new ArrayList<>();
    for (int i = 0; i < rig.cameras().size(); i++) {
      cams.add(new CameraShots(i, rig.cameras().get(i), cfg, rows));
    }
    this.cameras = List.copyOf(cams);
    int renderers = Math.min(cfg.threads(), cams.size());
    this.dpPool = new ArrayBlockingQueue<>(Math.max(1, renderers));
    for (int i = 0; i < Math.max(1, renderers); i++) {
      DualPixelRenderer r = new DualPixelRenderer(cfg.dp().withThreads(cfg.threads()));
      dpAll.add(r);
      dpPool.add(r);
    }
  }

  /**
   * Prepares a take: shadow maps and every camera's scene lookup.
   *
   * @param rig the rig (nominal cameras, projectors, lamps)
   * @param subject the posed subject (world frame, mm)
   * @param projectorPatterns the SL sequence (each image the size of every projector: GrayU8, GrayU16
   *     or GrayF32 drive levels); may be empty
   * @param cfg settings
   */
  public static VirtualTake prepare(RigDescription rig, PosedSubject subject,
      List<? extends ImageBase> projectorPatterns, VirtualTakeConfig cfg) {
    Objects.requireNonNull(rig, "rig");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(projectorPatterns, "projectorPatterns");
    Objects.requireNonNull(cfg, "cfg").check();
    for (ProjectorSpec p : rig.projectors()) {
      for (int i = 0; i < projectorPatterns.size(); i++) {
        ImageBase img = projectorPatterns.get(i);
        if (img.width() != p.resolution().width() || img.height() != p.resolution().height()) {
          throw new IllegalArgumentException("pattern " + i + " is " + img.width() + "x" + img.height()
              + " but projector " + p.id() + " is " + p.resolution());
        }
      }
    }
    VirtualTake take = new VirtualTake(rig, subject, projectorPatterns, cfg);
    try {
      take.computeLookups();
    } catch (RuntimeException e) {
      take.close();
      throw e;
    }
    return take;
  }

  private void computeLookups() {
    RasterConfig rc = RasterConfig.defaults().withThreads(cfg.threads())
        .withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED);
    try (Rasterizer raster = new Rasterizer(rc)) {
      scene.render(subject.mesh(), raster);
      for (CameraShots c : cameras) {
        c.lookup.compute(subject.mesh(), scene, c.spec.nominalModel(), c.spec.worldToCamera(),
            subject::albedoAt, raster, rows);
      }
    }
  }

  private static List<TakeStep> buildSteps(RigDescription rig, int patternCount, boolean ambient) {
    List<TakeStep> s = new ArrayList<>();
    for (int p = 0; p < rig.projectors().size(); p++) {
      for (int k = 0; k < patternCount; k++) {
        s.add(TakeStep.structuredLight(s.size(), p, rig.projectors().get(p).id(), k, patternCount));
      }
    }
    for (int l = 0; l < rig.lights().size(); l++) {
      s.add(TakeStep.light(s.size(), l, rig.lights().get(l).id()));
    }
    if (ambient) {
      s.add(TakeStep.ambient(s.size()));
    }
    return List.copyOf(s);
  }

  /** Number of steps: projectors × patterns + lamps (+ 1 ambient). */
  public int stepCount() {
    return steps.size();
  }

  /** Step labels in step order (see the class comment). */
  public List<String> stepLabels() {
    return labels;
  }

  /** The steps in order. */
  public List<TakeStep> steps() {
    return steps;
  }

  /** Camera ids in rig order. */
  public List<String> cameraIds() {
    return cameras.stream().map(c -> c.spec.id()).toList();
  }

  public RigDescription rig() {
    return rig;
  }

  public PosedSubject subject() {
    return subject;
  }

  public VirtualTakeConfig config() {
    return cfg;
  }

  /** The shared sources and shadow maps. */
  public IlluminationScene scene() {
    return scene;
  }

  /** The camera's scene lookup (truth maps); do not modify. */
  public SceneLookup lookup(String cameraId) {
    return camera(cameraId).lookup;
  }

  /** The camera's optics at the DP f-number (lamp and ambient steps); its a, b are the DP truth. */
  public ThinLensDp dpOptics(String cameraId) {
    return camera(cameraId).dpOptics;
  }

  /** The camera's optics at the SL f-number. */
  public ThinLensDp slOptics(String cameraId) {
    return camera(cameraId).slOptics;
  }

  /**
   * Renders step {@code step} of camera {@code cameraId}: its raw DP pair (DN, the sensor's ADC
   * range), left and right reshaped to the camera resolution.
   */
  public void renderStep(String cameraId, int step, GrayU16 left, GrayU16 right) {
    CameraShots c = camera(cameraId);
    TakeStep s = step(step);
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    synchronized (c) {
      DualPixelRenderer dp = borrow();
      try {
        c.rawPair(s, steps.size(), patterns, cfg, dp, rows, left, right);
      } finally {
        dpPool.add(dp);
      }
    }
  }

  /**
   * The DP pair of a step before the sensor: linear radiance per half (left + right is the
   * full-aperture defocused image). For tests, previews and truth.
   */
  public void renderLinearPair(String cameraId, int step, GrayF32 left, GrayF32 right) {
    CameraShots c = camera(cameraId);
    TakeStep s = step(step);
    synchronized (c) {
      DualPixelRenderer dp = borrow();
      try {
        c.linearPair(s, patterns, cfg, dp, left, right);
      } finally {
        dpPool.add(dp);
      }
    }
  }

  /** The sharp (in-focus) radiance of a step, before defocus and sensor. */
  public void renderSharpRadiance(String cameraId, int step, GrayF32 out) {
    CameraShots c = camera(cameraId);
    TakeStep s = step(step);
    synchronized (c) {
      c.radiance(s, patterns, cfg, out);
    }
  }

  private DualPixelRenderer borrow() {
    try {
      return dpPool.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a DP renderer", e);
    }
  }

  private TakeStep step(int step) {
    if (step < 0 || step >= steps.size()) {
      throw new IndexOutOfBoundsException("step " + step + " not in [0, " + steps.size() + ")");
    }
    return steps.get(step);
  }

  private CameraShots camera(String cameraId) {
    Objects.requireNonNull(cameraId, "cameraId");
    for (CameraShots c : cameras) {
      if (c.spec.id().equals(cameraId)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no camera " + cameraId + " in rig " + rig.id());
  }

  /** The camera spec with this id. */
  public CameraSpec cameraSpec(String cameraId) {
    return camera(cameraId).spec;
  }

  @Override
  public void close() {
    for (DualPixelRenderer r : dpAll) {
      r.close();
    }
    rows.close();
  }
}
