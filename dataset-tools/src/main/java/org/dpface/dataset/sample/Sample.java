package org.dpface.dataset.sample;

import java.util.Arrays;
import java.util.Objects;

/**
 * One dataset sample in memory: a DP image pair and the ground truth registered to that DP view.
 *
 * <p>All arrays are compact, row-major, channel-interleaved (index {@code (y · width + x) · C + c}):
 *
 * <ul>
 *   <li>{@code dpLeft}, {@code dpRight}: uint16 stored in {@code short} (read with {@code & 0xFFFF}),
 *       {@code H × W × C}, linear raw values;
 *   <li>{@code depth}: float32 {@code H × W}, planar Z in mm in the camera frame, 0 = invalid;
 *   <li>{@code normal}: float32 {@code H × W × 3}, unit vectors in the camera frame (OpenCV: x right,
 *       y down, z forward) pointing toward the camera; 0 where invalid;
 *   <li>{@code mask}: uint8 {@code H × W}, 1 = valid ground truth, 0 = invalid;
 *   <li>{@code k}: float32 3×3 row-major intrinsics for this sample's pixel grid (px);
 *   <li>{@code cameraToWorld}: float32 4×4 row-major rigid transform, translation in mm;
 *   <li>{@code dpCoeffs}: float32 {@code (a, b)} of {@code d = a / Z + b} (d in px along the DP axis, Z in
 *       mm).
 * </ul>
 *
 * <p>The arrays are held, not copied: callers must not modify them after handing the sample to a
 * writer. {@link #equals} compares every array and field by value.
 */
public final class Sample {
  private final SampleShape shape;
  private final SampleIds ids;
  private final SampleMetadata metadata;
  private final short[] dpLeft;
  private final short[] dpRight;
  private final float[] depth;
  private final float[] normal;
  private final byte[] mask;
  private final float[] k;
  private final float[] cameraToWorld;
  private final float[] dpCoeffs;

  /** Checks every array length against {@code shape}; throws {@link IllegalArgumentException} if off. */
  public Sample(
      SampleShape shape,
      SampleIds ids,
      SampleMetadata metadata,
      short[] dpLeft,
      short[] dpRight,
      float[] depth,
      float[] normal,
      byte[] mask,
      float[] k,
      float[] cameraToWorld,
      float[] dpCoeffs) {
    this.shape = Objects.requireNonNull(shape, "shape");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.dpLeft = checkLength(dpLeft, dpLeft == null ? -1 : dpLeft.length, shape.dpElements(), "dp_left");
    this.dpRight = checkLength(dpRight, dpRight == null ? -1 : dpRight.length, shape.dpElements(), "dp_right");
    this.depth = checkLength(depth, depth == null ? -1 : depth.length, shape.pixels(), "depth");
    this.normal = checkLength(normal, normal == null ? -1 : normal.length, 3 * shape.pixels(), "normal");
    this.mask = checkLength(mask, mask == null ? -1 : mask.length, shape.pixels(), "mask");
    this.k = checkLength(k, k == null ? -1 : k.length, 9, "K");
    this.cameraToWorld = checkLength(cameraToWorld, cameraToWorld == null ? -1 : cameraToWorld.length, 16, "camera_to_world");
    this.dpCoeffs = checkLength(dpCoeffs, dpCoeffs == null ? -1 : dpCoeffs.length, 2, "dp_coeffs");
  }

  private static <T> T checkLength(T array, int length, int expected, String name) {
    if (array == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    if (length != expected) {
      throw new IllegalArgumentException(name + " has " + length + " elements, expected " + expected);
    }
    return array;
  }

  public SampleShape shape() {
    return shape;
  }

  public SampleIds ids() {
    return ids;
  }

  public SampleMetadata metadata() {
    return metadata;
  }

  /** Left DP view, uint16 in shorts, {@code H × W × C}. */
  public short[] dpLeft() {
    return dpLeft;
  }

  /** Right DP view, uint16 in shorts, {@code H × W × C}. */
  public short[] dpRight() {
    return dpRight;
  }

  /** Planar depth in mm, {@code H × W}, 0 = invalid. */
  public float[] depth() {
    return depth;
  }

  /** Camera-frame unit normals toward the camera, {@code H × W × 3}. */
  public float[] normal() {
    return normal;
  }

  /** Validity mask, {@code H × W}, 1 = valid. */
  public byte[] mask() {
    return mask;
  }

  /** Intrinsics 3×3 row-major (px). */
  public float[] k() {
    return k;
  }

  /** Camera-to-world 4×4 row-major, translation in mm. */
  public float[] cameraToWorld() {
    return cameraToWorld;
  }

  /** DP coefficients {@code (a, b)}: d = a / Z + b. */
  public float[] dpCoeffs() {
    return dpCoeffs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Sample s)) {
      return false;
    }
    return shape.equals(s.shape)
        && ids.equals(s.ids)
        && metadata.equals(s.metadata)
        && Arrays.equals(dpLeft, s.dpLeft)
        && Arrays.equals(dpRight, s.dpRight)
        && Arrays.equals(depth, s.depth)
        && Arrays.equals(normal, s.normal)
        && Arrays.equals(mask, s.mask)
        && Arrays.equals(k, s.k)
        && Arrays.equals(cameraToWorld, s.cameraToWorld)
        && Arrays.equals(dpCoeffs, s.dpCoeffs);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(shape, ids, metadata);
    h = 31 * h + Arrays.hashCode(depth);
    return 31 * h + Arrays.hashCode(dpLeft);
  }

  @Override
  public String toString() {
    return "Sample[" + ids.sampleId() + ", " + shape.height() + "x" + shape.width() + "x" + shape.channels() + "]";
  }
}
