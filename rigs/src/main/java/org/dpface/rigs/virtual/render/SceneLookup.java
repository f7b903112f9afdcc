package org.dpface.rigs.virtual.render;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayS32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RayTable;
import org.dpface.core.raster.RenderTarget;
import org.dpface.core.raster.Rasterizer;

/**
 * Per-pixel scene facts of one camera for one subject pose, computed once by {@link #compute} and
 * then reused by every frame of {@link StructuredLightRenderer} and {@link LightingRenderer}: a
 * sequence of N frames is N cheap passes over these maps, not N renders.
 *
 * <p>All maps are in the camera's pixel grid, (u, v) = (column, row), compact layout; everything is 0
 * (projector coordinates NaN) where {@link #mask} is 0.
 *
 * <ul>
 *   <li>{@link #mask} 1 where the mesh is seen; {@link #depth} planar Z (mm, camera frame);
 *       {@link #normal} unit normal in the camera frame, toward the camera; {@link #worldPoint}
 *       surface point (world, mm); {@link #triangleId}, {@link #barycentric} as the rasterizer's.
 *   <li>{@link #albedoRgb} linear RGB from the {@link SurfaceAlbedo}; {@link #albedo} its luminance
 *       (Rec. 709 weights, {@link #LUMA}) used by the grey renderers.
 *   <li>Per projector ({@link ProjectorMaps}): the projector pixel (u, v) the point receives light from
 *       (nominal model, distortion included), whether that pixel reaches it ({@link ShadowView} test,
 *       inside the projector image, facing it), the projector-frame planar depth, and the irradiance
 *       geometry factor {@code g = (D0 / Zp)² · cos θ / cos α}: θ incidence angle at the surface, α
 *       angle of the ray off the projector axis, Zp = r cos α. A projector pixel sends a fixed flux
 *       into a solid angle ∝ cos³α; spread over the surface it gives irradiance ∝ cos θ cos³α / r² =
 *       cos θ / (Zp² cos α). Hence g = 1 on a fronto-parallel plane at the working distance D0, and g =
 *       cos θ · D0² / r² on the axis. Lens vignetting is not modelled.
 *   <li>Per lamp ({@link LightMaps}): {@code shading = max(0, n·l) · falloff} (falloff (D0 / r)² for a
 *       point light, 1 for a directional one), {@code lit} (n·l &gt; 0 and, when the scene casts lamp
 *       shadows, not shadowed), and {@code halfway = max(0, n·h)} with h the unit bisector of l and the
 *       direction to the camera (for a Blinn–Phong lobe).
 * </ul>
 *
 * Not thread-safe; reuse one instance per camera (buffers are kept between calls).
 */
public final class SceneLookup {
  /** Rec. 709 luminance weights for {@link #albedo}. */
  public static final float[] LUMA = {0.2126f, 0.7152f, 0.0722f};

  private final RenderTarget target = new RenderTarget(1, 1);
  public final GrayU8 mask = target.mask;
  public final GrayF32 depth = target.depth;
  public final InterleavedF32 normal = target.normal;
  public final GrayS32 triangleId = target.triangleId;
  public final InterleavedF32 barycentric = target.barycentric;
  public final InterleavedF32 worldPoint = new InterleavedF32(1, 1, 3);
  public final InterleavedF32 albedoRgb = new InterleavedF32(1, 1, 3);
  public final GrayF32 albedo = new GrayF32(1, 1);

  private ProjectorMaps[] projectorMaps = new ProjectorMaps[0];
  private LightMaps[] lightMaps = new LightMaps[0];
  private IlluminationScene scene;
  private int sceneGeneration = -1;
  private int computeCount;
  private CameraModel camera;
  private RigidTransform worldToCamera;

  /** Maps of one projector; see the class comment. */
  public static final class ProjectorMaps {
    /** Projector pixel (u, v), 2 bands; NaN where the point is behind the projector or invalid. */
    public final InterleavedF32 uv = new InterleavedF32(1, 1, 2);
    /** 1 where the projector pixel at {@link #uv} lights the point. */
    public final GrayU8 lit = new GrayU8(1, 1);
    /** Irradiance geometry factor g (0 where the surface faces away). */
    public final GrayF32 geometry = new GrayF32(1, 1);
    /** Planar depth of the point in the projector frame (mm). */
    public final GrayF32 depth = new GrayF32(1, 1);

    void reshape(int w, int h) {
      uv.reshape(w, h);
      lit.reshape(w, h);
      geometry.reshape(w, h);
      depth.reshape(w, h);
    }
  }

  /** Maps of one lamp; see the class comment. */
  public static final class LightMaps {
    /** max(0, n·l) · falloff, shadows not applied. */
    public final GrayF32 shading = new GrayF32(1, 1);
    /** 1 where the lamp reaches the point (facing it and not shadowed). */
    public final GrayU8 lit = new GrayU8(1, 1);
    /** max(0, n·h). */
    public final GrayF32 halfway = new GrayF32(1, 1);

    void reshape(int w, int h) {
      shading.reshape(w, h);
      lit.reshape(w, h);
      halfway.reshape(w, h);
    }
  }

  /**
   * Renders the posed mesh into {@code camera} and fills every map. {@code scene} must already hold
   * the shadow maps of the same mesh ({@link IlluminationScene#render}).
   *
   * @param mesh the posed subject (world frame, mm); the same mesh the scene was rendered with
   * @param camera nominal camera model
   * @param worldToCamera camera pose
   * @param albedoFn surface albedo (thread-safe)
   * @param rasterizer rasterizer (its normal mode decides face vs smooth normals)
   * @param rows executor for the per-pixel pass
   */
  public void compute(
      TriangleMesh mesh,
      IlluminationScene scene,
      CameraModel camera,
      RigidTransform worldToCamera,
      SurfaceAlbedo albedoFn,
      Rasterizer rasterizer,
      RowExecutor rows) {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(albedoFn, "albedoFn");
    int w = camera.width();
    int h = camera.height();
    target.reshape(w, h);
    rasterizer.render(mesh, camera, worldToCamera, target);
    worldPoint.reshape(w, h);
    albedoRgb.reshape(w, h);
    albedo.reshape(w, h);
    List<ProjectorSource> projectors = scene.projectors();
    List<LightSource> lights = scene.lights();
    if (projectorMaps.length != projectors.size()) {
      projectorMaps = growProjectors(projectorMaps, projectors.size());
    }
    if (lightMaps.length != lights.size()) {
      lightMaps = growLights(lightMaps, lights.size());
    }
    for (ProjectorMaps m : projectorMaps) {
      m.reshape(w, h);
    }
    for (LightMaps m : lightMaps) {
      m.reshape(w, h);
    }
    this.scene = scene;
    this.sceneGeneration = scene.generation();
    this.camera = camera;
    this.worldToCamera = worldToCamera;
    RayTable rays = rasterizer.rayTable(camera);
    RigidTransform cameraToWorld = worldToCamera.invert();
    PixelPass pass = new PixelPass(this, scene, rays, cameraToWorld, albedoFn);
    rows.forEachBand(h, pass::run);
    computeCount++;
  }

  /** Number of completed {@link #compute} calls (renderers key their per-lookup caches on it). */
  int computeCount() {
    return computeCount;
  }

  private static ProjectorMaps[] growProjectors(ProjectorMaps[] old, int n) {
    ProjectorMaps[] out = Arrays.copyOf(old, n);
    for (int i = old.length; i < n; i++) {
      out[i] = new ProjectorMaps();
    }
    return out;
  }

  private static LightMaps[] growLights(LightMaps[] old, int n) {
    LightMaps[] out = Arrays.copyOf(old, n);
    for (int i = old.length; i < n; i++) {
      out[i] = new LightMaps();
    }
    return out;
  }

  public int width() {
    return depth.width();
  }

  public int height() {
    return depth.height();
  }

  /** The scene this lookup was computed against. */
  public IlluminationScene scene() {
    return scene;
  }

  /** True while the scene has not been re-rendered since {@link #compute}. */
  public boolean isCurrent() {
    return scene != null && scene.generation() == sceneGeneration;
  }

  public CameraModel camera() {
    return camera;
  }

  public RigidTransform worldToCamera() {
    return worldToCamera;
  }

  /** Maps of projector {@code i} (scene order). */
  public ProjectorMaps projector(int i) {
    return projectorMaps[i];
  }

  /** Maps of lamp {@code i} (scene order). */
  public LightMaps light(int i) {
    return lightMaps[i];
  }

  public int projectorCount() {
    return projectorMaps.length;
  }

  public int lightCount() {
    return lightMaps.length;
  }
}
