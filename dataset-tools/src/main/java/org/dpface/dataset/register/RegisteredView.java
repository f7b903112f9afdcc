package org.dpface.dataset.register;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;

/**
 * A ground-truth mesh registered to one DP camera: full-image maps (compact, the camera's size) and the
 * sample crop. Depth is planar Z (mm, 0 = invalid), normals camera-frame unit vectors toward the camera
 * (0 where invalid), mask 1 = valid.
 *
 * @param model the camera model used (calibrated or nominal)
 * @param worldToCamera the pose used (mm)
 * @param dpA DP coefficient a (px·mm) of d = a / Z + b
 * @param dpB DP coefficient b (px)
 */
public record RegisteredView(
    CameraModel model, RigidTransform worldToCamera, GrayF32 depth, InterleavedF32 normal, GrayU8 mask, Crop crop, double dpA,
    double dpB) {

  /** Cropped depth, {@code H × W} (allocates). */
  public float[] croppedDepth() {
    float[] out = new float[crop.width() * crop.height()];
    for (int y = 0; y < crop.height(); y++) {
      System.arraycopy(depth.data, depth.indexOf(crop.x0(), crop.y0() + y), out, y * crop.width(), crop.width());
    }
    return out;
  }

  /** Cropped normals, {@code H × W × 3} (allocates). */
  public float[] croppedNormal() {
    int w = crop.width();
    float[] out = new float[3 * w * crop.height()];
    for (int y = 0; y < crop.height(); y++) {
      System.arraycopy(normal.data, normal.indexOf(crop.x0(), crop.y0() + y), out, 3 * y * w, 3 * w);
    }
    return out;
  }

  /** Cropped mask, {@code H × W}, 1 = valid (allocates). */
  public byte[] croppedMask() {
    byte[] out = new byte[crop.width() * crop.height()];
    for (int y = 0; y < crop.height(); y++) {
      System.arraycopy(mask.data, mask.indexOf(crop.x0(), crop.y0() + y), out, y * crop.width(), crop.width());
    }
    return out;
  }

  /** Intrinsics of the cropped grid (3×3 row-major). */
  public float[] croppedK() {
    return crop.croppedK(model.fx(), model.fy(), model.cx(), model.cy());
  }

  /** Camera-to-world 4×4 row-major (mm). */
  public float[] cameraToWorld() {
    double[] m = worldToCamera.invert().toMatrix4();
    float[] out = new float[16];
    for (int i = 0; i < 16; i++) {
      out[i] = (float) m[i];
    }
    return out;
  }

  /** {@code (a, b)} as float32. */
  public float[] dpCoeffs() {
    return new float[] {(float) dpA, (float) dpB};
  }

  /** Cuts the crop out of a raw DP half of this camera (allocates {@code H × W} shorts). */
  public short[] cropImage(GrayU16 image) {
    if (image.width() != depth.width() || image.height() != depth.height()) {
      throw new IllegalArgumentException("image " + image.width() + "x" + image.height() + " is not the camera's "
          + depth.width() + "x" + depth.height());
    }
    short[] out = new short[crop.width() * crop.height()];
    for (int y = 0; y < crop.height(); y++) {
      System.arraycopy(image.data, image.indexOf(crop.x0(), crop.y0() + y), out, y * crop.width(), crop.width());
    }
    return out;
  }
}
