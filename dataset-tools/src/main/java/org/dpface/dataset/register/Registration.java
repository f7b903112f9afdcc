package org.dpface.dataset.register;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;

/**
 * Registers a ground-truth mesh (world frame, mm; e.g. the fused structured-light mesh) to a DP camera.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>render the mesh into the camera with the given (calibrated) model and pose with the core
 *       {@link Rasterizer} (exact z-buffer, OpenCV distortion, interpolated vertex normals when the mesh
 *       has them): planar depth, normals oriented toward the camera, mask. Only surface the mesh covers
 *       becomes valid: holes and everything outside the reconstructed region stay 0;
 *   <li>choose the sample crop: the fixed-size window centred on the mask's bounding box
 *       ({@link Crop#centredOn}); no resampling, so K changes only by the crop offset.
 * </ol>
 * One registration at a time per instance (the rasterizer's buffers are reused); close to stop its pool.
 */
public final class Registration implements AutoCloseable {
  private final RegistrationConfig config;
  private final Rasterizer rasterizer;

  public Registration(RegistrationConfig config) {
    this.config = config;
    this.rasterizer = new Rasterizer(RasterConfig.defaults().withThreads(config.threads())
        .withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED));
  }

  public RegistrationConfig config() {
    return config;
  }

  /**
   * Renders {@code mesh} into the camera and crops.
   *
   * @param dpA DP coefficient a of the camera (px·mm)
   * @param dpB DP coefficient b (px)
   * @return new maps of the camera's full size and the crop
   */
  public RegisteredView register(TriangleMesh mesh, CameraModel model, RigidTransform worldToCamera, double dpA, double dpB) {
    RenderTarget t = new RenderTarget(model.width(), model.height());
    rasterizer.render(mesh, model, worldToCamera, t);
    GrayF32 depth = t.depth;
    InterleavedF32 normal = t.normal;
    GrayU8 mask = t.mask;
    Crop crop = Crop.centredOn(mask, config.sampleWidth(), config.sampleHeight());
    return new RegisteredView(model, worldToCamera, depth, normal, mask, crop, dpA, dpB);
  }

  @Override
  public void close() {
    rasterizer.close();
  }
}
