package org.dpface.rigs.virtual.render;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RenderTarget;
import org.dpface.core.raster.Rasterizer;

/**
 * A depth map of the scene rendered from a light-emitting view (a projector, or the virtual camera
 * standing in for a lamp), used as a shadow map: a surface point is lit iff nothing nearer to the view
 * covers it.
 *
 * <p>Test for a world point X on the mesh, at planar depth z_v in the view, seen at view pixel (u, v),
 * with incidence angle θ between its normal and the direction to the view: take the nearest view
 * pixel (round(u), round(v)); the point is lit when that pixel shows the same triangle, or when
 *
 * <pre>
 *   z_v &lt;= d + tol,   tol = (z_v / f) · BIAS_PX · (1 + min(tan θ, MAX_TAN)) + ABS_BIAS_MM
 * </pre>
 *
 * where d is the rendered depth there and f the view's focal length in pixels. z_v / f is the size of
 * one view pixel on the surface (mm), and a plane tilted by θ changes planar depth by about z_v / f ·
 * tan θ per pixel; the nearest pixel centre is at most 0.71 px away, so {@link #BIAS_PX} = 1.5 covers
 * it with margin while real occluders (nose, lips, ears: several mm in front) stay detected. A pixel
 * that shows nothing (d = 0) next to a mesh point is a silhouette seen edge-on: treated as lit (its
 * irradiance is ~0 through the cosine anyway). A point outside the map has no known occluder and
 * counts as lit; whether a projector's image covers a point at all is the caller's test.
 *
 * <p>Thread-safe for {@link #isLit} once rendered; {@link #render} reuses its buffers.
 */
public final class ShadowView {
  /** Depth tolerance in view pixels of surface footprint (see class comment). */
  public static final double BIAS_PX = 1.5;
  /** Cap on tan θ in the tolerance (about 84°). */
  public static final double MAX_TAN = 10;
  /** Absolute depth tolerance in mm. */
  public static final double ABS_BIAS_MM = 0.05;

  private final CameraModel model;
  private final RigidTransform worldToView;
  private final double[] centreWorld;
  private final double focalPx;
  private final RenderTarget target;

  /** View with the given model and pose; call {@link #render} before {@link #isLit}. */
  public ShadowView(CameraModel model, RigidTransform worldToView) {
    this.model = Objects.requireNonNull(model, "model");
    this.worldToView = Objects.requireNonNull(worldToView, "worldToView");
    this.centreWorld = worldToView.invert().originInTarget();
    this.focalPx = Math.sqrt(model.fx() * model.fy());
    this.target = new RenderTarget(model.width(), model.height());
  }

  public CameraModel model() {
    return model;
  }

  public RigidTransform worldToView() {
    return worldToView;
  }

  /** View centre (the light's origin) in world coordinates, mm (copy). */
  public double[] centreWorld() {
    return centreWorld.clone();
  }

  double centre(int i) {
    return centreWorld[i];
  }

  /** The rendered depth map, triangle ids etc. (do not modify). */
  public RenderTarget target() {
    return target;
  }

  /** Renders {@code mesh} (world frame) from this view into its own buffers. */
  public void render(TriangleMesh mesh, Rasterizer rasterizer) {
    rasterizer.render(mesh, model, worldToView, target);
  }

  /**
   * Shadow test for a mesh point (see class comment).
   *
   * @param u view pixel column of the point
   * @param v view pixel row
   * @param zView planar depth of the point in the view frame (mm)
   * @param triangle the mesh triangle the point lies on
   * @param cosIncidence cosine of the angle between the surface normal and the direction to the view
   */
  public boolean isLit(double u, double v, double zView, int triangle, double cosIncidence) {
    int iu = (int) Math.round(u);
    int iv = (int) Math.round(v);
    if (iu < 0 || iv < 0 || iu >= target.width() || iv >= target.height()) {
      return true;
    }
    int idx = iv * target.width() + iu;
    if (target.triangleId.data[idx] == triangle) {
      return true;
    }
    float d = target.depth.data[idx];
    if (d == 0) {
      return true;
    }
    double c = Math.max(cosIncidence, 1e-6);
    double tan = Math.min(Math.sqrt(Math.max(0, 1 - c * c)) / c, MAX_TAN);
    double tol = zView / focalPx * BIAS_PX * (1 + tan) + ABS_BIAS_MM;
    return zView <= d + tol;
  }
}
