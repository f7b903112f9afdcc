package org.dpface.dataset.sample;

/**
 * The fixed per-sample array shape of a dataset: every DP image is {@code height × width × channels},
 * every map {@code height × width}. All samples of one dataset share one shape (shards are batch-first
 * fixed-shape arrays).
 */
public record SampleShape(int height, int width, int channels) {
  public SampleShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "sample shape must be positive, got " + height + "x" + width + "x" + channels);
    }
    if ((long) height * width * channels * 12L > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sample shape " + height + "x" + width + "x" + channels + " is too large");
    }
  }

  /** Pixels per map ({@code height · width}). */
  public int pixels() {
    return height * width;
  }

  /** Elements of one DP image ({@code height · width · channels}). */
  public int dpElements() {
    return height * width * channels;
  }

  /**
   * Uncompressed bytes of one sample's arrays as stored: two uint16 DP images, float32 depth, float32
   * normals, uint8 mask, K (9 float32), camera_to_world (16 float32), dp_coeffs (2 float32). Ids and
   * metadata strings are not counted.
   */
  public long sampleBytes() {
    long px = pixels();
    return 2L * 2L * dpElements() + 4L * px + 12L * px + px + 4L * (9 + 16 + 2);
  }
}
