package org.dpface.rigs.virtual.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.optics.DpRenderConfig;
import org.dpface.rigs.virtual.optics.DualPixelRenderer;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.render.IlluminationScene;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.render.StructuredLightRenderer;

/**
 * Renders calibration takes of a chessboard in a rig: raw frames of the board under flat lighting
 * (camera calibration) and under projector patterns (projector calibration), with the truth beside
 * them. The rig passed in is the truth: its camera and projector models and poses render the images
 * and project the true corners.
 *
 * <p>Image formation per (pose, camera):
 * <ol>
 *   <li>the board mesh ({@link BoardTarget}) is rasterized into the camera and every light source by
 *       the rig's renderers ({@link SceneLookup}, {@link IlluminationScene}; lamp shadows off — a plane
 *       cannot shadow itself);
 *   <li>albedo: the pattern's exact mean over each pixel's footprint ({@link FootprintAlbedo}: analytic
 *       area coverage, a box filter in the image, no supersampling);
 *   <li>flat frame radiance L = ρ (E_a + (P / n) Σ_l S_l V_l) over the rig's n lamps; a
 *       structured-light frame is {@link StructuredLightRenderer}'s (projector defocus included);
 *   <li>camera defocus: {@link DualPixelRenderer#renderFull} (the left + right DP sum) at the flat or
 *       structured-light f-number;
 *   <li>{@link org.dpface.rigs.virtual.render.SensorModel#expose}: shot and read noise, gain,
 *       quantisation, saturation. The noise frame key is unique per (pose index, camera, frame), so
 *       every frame has its own noise and the same inputs give identical bytes.
 * </ol>
 * The per-pixel lookups of a (pose, camera) are kept, so the pattern frames of that view cost one
 * pass each. Not thread-safe; close to stop the worker pools.
 */
public final class TargetRenderer implements AutoCloseable {
  /** Noise frame keys reserved per (pose, camera). */
  private static final long FRAMES_PER_VIEW = 1L << 24;
  /** Noise frame keys reserved per projector within a view. */
  private static final long FRAMES_PER_PROJECTOR = 1L << 16;

  private final RigDescription rig;
  private final BoardTarget target;
  private final TargetRenderConfig config;
  private final RowExecutor rows;
  private final Rasterizer rasterizer;
  private final DualPixelRenderer defocus;
  private final StructuredLightRenderer structuredLight;
  private final IlluminationScene scene;
  private final CameraModel[] models;
  private final RigidTransform[] worldToCamera;
  private final ThinLensDp[] flatOptics;
  private final ThinLensDp[] slOptics;
  private final SceneLookup[] lookups;
  private final GrayF32 radiance = new GrayF32(1, 1);
  private final GrayF32 blurred = new GrayF32(1, 1);
  private final GrayF32 blurredRight = new GrayF32(1, 1);
  private RigidTransform scenePose;
  private TriangleMesh mesh;

  public TargetRenderer(RigDescription rig, BoardSpec board, TargetRenderConfig config) {
    this.rig = Objects.requireNonNull(rig, "rig");
    this.config = Objects.requireNonNull(config, "config");
    this.target = new BoardTarget(new ChessboardPattern(board, config.darkAlbedo(), config.lightAlbedo()));
    int n = rig.cameras().size();
    models = new CameraModel[n];
    worldToCamera = new RigidTransform[n];
    flatOptics = new ThinLensDp[n];
    slOptics = new ThinLensDp[n];
    lookups = new SceneLookup[n];
    for (int c = 0; c < n; c++) {
      CameraSpec spec = rig.cameras().get(c);
      models[c] = spec.nominalModel();
      worldToCamera[c] = spec.worldToCamera();
      ThinLensDp lens = ThinLensDp.of(spec);
      flatOptics[c] = Double.isNaN(config.fNumber()) ? lens : lens.withFNumber(config.fNumber());
      slOptics[c] = Double.isNaN(config.slFNumber()) ? lens : lens.withFNumber(config.slFNumber());
      lookups[c] = new SceneLookup();
    }
    this.rows = new RowExecutor(config.threads());
    this.rasterizer = new Rasterizer(RasterConfig.defaults().withThreads(config.threads()));
    this.defocus = new DualPixelRenderer(DpRenderConfig.defaults().withThreads(config.threads()));
    this.structuredLight = new StructuredLightRenderer(config.structuredLight(), rows);
    this.scene = IlluminationScene.of(rig, false, IlluminationScene.DEFAULT_LIGHT_SHADOW_MAP);
  }

  /**
   * Renders a whole camera-calibration session: every pose × every camera, flat lighting. Allocates
   * one frame per view.
   *
   * @param boardToWorld the board poses (e.g. from {@link BoardPoses#generate}); list index = pose index
   */
  public static CalibrationCapture render(
      RigDescription rig, BoardSpec board, List<RigidTransform> boardToWorld, TargetRenderConfig config) {
    try (TargetRenderer r = new TargetRenderer(rig, board, config)) {
      List<CalibrationCapture.PoseCapture> poses = new ArrayList<>();
      for (int p = 0; p < boardToWorld.size(); p++) {
        RigidTransform pose = boardToWorld.get(p);
        List<CalibrationCapture.ViewCapture> views = new ArrayList<>();
        for (int c = 0; c < rig.cameras().size(); c++) {
          GrayU16 img = new GrayU16(1, 1);
          r.renderFlat(p, pose, c, img);
          views.add(new CalibrationCapture.ViewCapture(img, r.truth(pose, c)));
        }
        poses.add(new CalibrationCapture.PoseCapture(p, pose, views));
      }
      return new CalibrationCapture(rig.id(), board, poses);
    }
  }

  public RigDescription rig() {
    return rig;
  }

  public BoardTarget target() {
    return target;
  }

  public TargetRenderConfig config() {
    return config;
  }

  /** True corner pixels of the board at {@code boardToWorld} in camera {@code camera} (rig order). */
  public BoardViewTruth truth(RigidTransform boardToWorld, int camera) {
    return viewTruth(target, rig.cameras().get(camera).id(), camera, models[camera], worldToCamera[camera],
        boardToWorld);
  }

  /**
   * True corner positions in projector {@code projector}'s image (rig order), with its nominal model:
   * what projector calibration should recover from decoded pattern frames.
   */
  public BoardViewTruth projectorTruth(RigidTransform boardToWorld, int projector) {
    ProjectorSpec p = rig.projectors().get(projector);
    return viewTruth(target, p.id(), projector, p.nominalModel(), p.worldToProjector(), boardToWorld);
  }

  static BoardViewTruth viewTruth(BoardTarget target, String id, int index, CameraModel model, RigidTransform w2c,
      RigidTransform boardToWorld) {
    int n = target.board().cornerCount();
    double[] uv = new double[2 * n];
    boolean[] visible = new boolean[n];
    target.projectCorners(model, w2c, boardToWorld, uv, visible);
    return new BoardViewTruth(id, index, uv, visible);
  }

  /**
   * The raw frame of the board at {@code boardToWorld} under flat lighting seen by camera {@code camera}
   * (rig order), into {@code out} (reshaped to the camera's size).
   *
   * @param poseIndex pose index, keys the noise (use distinct indices for distinct poses)
   */
  public void renderFlat(int poseIndex, RigidTransform boardToWorld, int camera, GrayU16 out) {
    SceneLookup lookup = prepare(boardToWorld, camera);
    flatRadiance(lookup, radiance);
    expose(lookup, radiance, flatOptics[camera], frameKey(poseIndex, camera, 0), out);
  }

  /**
   * Raw frames of the board at {@code boardToWorld} lit by projector {@code projector} (rig order)
   * showing each of {@code patterns} (projector-sized GrayU8, GrayU16 or GrayF32 drive levels, as
   * {@link StructuredLightRenderer#render}), seen by camera {@code camera}; one new frame per pattern.
   *
   * @param poseIndex pose index, keys the noise
   */
  public List<GrayU16> renderPatterns(
      int poseIndex, RigidTransform boardToWorld, int camera, int projector, List<? extends ImageBase> patterns) {
    if (projector < 0 || projector >= rig.projectors().size()) {
      throw new IllegalArgumentException("no projector " + projector + " in rig " + rig.id());
    }
    if (patterns.size() >= FRAMES_PER_PROJECTOR) {
      throw new IllegalArgumentException("at most " + (FRAMES_PER_PROJECTOR - 1) + " patterns per call");
    }
    SceneLookup lookup = prepare(boardToWorld, camera);
    List<GrayU16> frames = new ArrayList<>(patterns.size());
    for (int k = 0; k < patterns.size(); k++) {
      structuredLight.render(lookup, projector, patterns.get(k), radiance);
      GrayU16 out = new GrayU16(1, 1);
      long key = frameKey(poseIndex, camera, 1 + projector * FRAMES_PER_PROJECTOR + k);
      expose(lookup, radiance, slOptics[camera], key, out);
      frames.add(out);
    }
    return frames;
  }

  /**
   * {@link #renderFlat} as the DP camera's two halves (left, right; each exposed with its own noise): what a
   * capture stores for one flat-lit step. Their sum is the full-aperture frame.
   */
  public void renderFlatPair(int poseIndex, RigidTransform boardToWorld, int camera, GrayU16 left, GrayU16 right) {
    SceneLookup lookup = prepare(boardToWorld, camera);
    flatRadiance(lookup, radiance);
    exposePair(lookup, radiance, flatOptics[camera], frameKey(poseIndex, camera, 0), left, right);
  }

  /**
   * {@link #renderPatterns} as DP halves: one {left, right} pair per pattern, each half with its own noise.
   */
  public List<GrayU16[]> renderPatternPairs(
      int poseIndex, RigidTransform boardToWorld, int camera, int projector, List<? extends ImageBase> patterns) {
    if (projector < 0 || projector >= rig.projectors().size()) {
      throw new IllegalArgumentException("no projector " + projector + " in rig " + rig.id());
    }
    if (patterns.size() >= FRAMES_PER_PROJECTOR) {
      throw new IllegalArgumentException("at most " + (FRAMES_PER_PROJECTOR - 1) + " patterns per call");
    }
    SceneLookup lookup = prepare(boardToWorld, camera);
    List<GrayU16[]> frames = new ArrayList<>(patterns.size());
    for (int k = 0; k < patterns.size(); k++) {
      structuredLight.render(lookup, projector, patterns.get(k), radiance);
      GrayU16[] pair = {new GrayU16(1, 1), new GrayU16(1, 1)};
      long key = frameKey(poseIndex, camera, 1 + projector * FRAMES_PER_PROJECTOR + k);
      exposePair(lookup, radiance, slOptics[camera], key, pair[0], pair[1]);
      frames.add(pair);
    }
    return frames;
  }

  private void exposePair(SceneLookup lookup, GrayF32 sharp, ThinLensDp optics, long frameKey, GrayU16 left,
      GrayU16 right) {
    if (config.defocus()) {
      defocus.renderPair(sharp, lookup.depth, lookup.mask, optics, blurred, blurredRight);
    } else {
      blurred.reshape(sharp.width(), sharp.height());
      blurredRight.reshape(sharp.width(), sharp.height());
      for (int y = 0; y < sharp.height(); y++) {
        for (int x = 0; x < sharp.width(); x++) {
          float h = sharp.get(x, y) / 2;
          blurred.set(x, y, h);
          blurredRight.set(x, y, h);
        }
      }
    }
    // the right half's noise keys sit in the upper half of the view's key range
    config.sensor().expose(blurred, config.seed(), frameKey, left, rows);
    config.sensor().expose(blurredRight, config.seed(), frameKey + FRAMES_PER_VIEW / 2, right, rows);
  }

  private long frameKey(int poseIndex, int camera, long frame) {
    if (poseIndex < 0) {
      throw new IllegalArgumentException("pose index must be >= 0, got " + poseIndex);
    }
    return ((long) poseIndex * models.length + camera) * FRAMES_PER_VIEW + frame;
  }

  /** Renders the scene for the pose (once per pose) and the camera's lookup (once per pose and camera). */
  private SceneLookup prepare(RigidTransform boardToWorld, int camera) {
    Objects.requireNonNull(boardToWorld, "boardToWorld");
    if (!boardToWorld.equals(scenePose)) {
      mesh = target.mesh(boardToWorld);
      scene.render(mesh, rasterizer);
      scenePose = boardToWorld;
    }
    SceneLookup lookup = lookups[camera];
    if (!lookup.isCurrent() || lookup.scene() != scene) {
      lookup.compute(mesh, scene, models[camera], worldToCamera[camera], target.surfaceAlbedo(), rasterizer, rows);
      FootprintAlbedo.fill(lookup, models[camera], boardToWorld.then(worldToCamera[camera]), target.pattern(),
          config.backAlbedo(), rows);
    }
    return lookup;
  }

  private void flatRadiance(SceneLookup lookup, GrayF32 out) {
    int w = lookup.width();
    out.reshape(w, lookup.height());
    int lights = lookup.lightCount();
    float ambient = (float) config.ambientIrradiance();
    float perLamp = (float) (lights == 0 ? 0 : config.lightPower() / lights);
    float uniform = (float) (lights == 0 ? config.lightPower() : 0);
    float background = (float) config.backgroundRadiance();
    rows.forEachBand(lookup.height(), (y0, y1) -> {
      byte[] mask = lookup.mask.data;
      float[] albedo = lookup.albedo.data;
      float[] o = out.data;
      for (int y = y0; y < y1; y++) {
        int orow = out.indexOf(0, y);
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (mask[i] == 0) {
            o[orow + x] = background;
            continue;
          }
          float e = ambient + uniform;
          for (int l = 0; l < lights; l++) {
            SceneLookup.LightMaps m = lookup.light(l);
            if (m.lit.data[i] != 0) {
              e += perLamp * m.shading.data[i];
            }
          }
          o[orow + x] = albedo[i] * e;
        }
      }
    });
  }

  private void expose(SceneLookup lookup, GrayF32 sharp, ThinLensDp optics, long frameKey, GrayU16 out) {
    GrayF32 img = sharp;
    if (config.defocus()) {
      defocus.renderFull(sharp, lookup.depth, lookup.mask, optics, blurred);
      img = blurred;
    }
    config.sensor().expose(img, config.seed(), frameKey, out, rows);
  }

  @Override
  public void close() {
    defocus.close();
    rasterizer.close();
    rows.close();
  }
}
