package org.dpface.core.image;

import java.util.Arrays;

/** Multi-band interleaved float32 image (normals: 3 bands x, y, z; barycentrics). */
public final class InterleavedF32 extends ImageBase {
  /** Pixel data; see {@link ImageBase} for the layout. Public for unchecked inner-loop access. */
  public float[] data;

  public InterleavedF32(int width, int height, int numBands) {
    super(numBands);
    data = new float[0];
    reshape(width, height);
  }

  /** Value at (x, y), bounds checked. */
  public float get(int x, int y, int band) {
    return data[checkedIndex(x, y, band)];
  }

  /** Sets the value at (x, y), bounds checked. */
  public void set(int x, int y, int band, float value) {
    data[checkedIndex(x, y, band)] = value;
  }

  /** Sets every element of every pixel to {@code value}. */
  public void fill(float value) {
    if (startIndex == 0 && stride == width * numBands) {
      Arrays.fill(data, 0, width * height * numBands, value);
      return;
    }
    for (int y = 0; y < height; y++) {
      int row = startIndex + y * stride;
      Arrays.fill(data, row, row + width * numBands, value);
    }
  }

  /**
   * Copies {@code src} into this image, honouring both layouts (stride, start index). If the shapes
   * differ this image is first reshaped to src's shape (compact layout); a different band count throws.
   */
  public void setTo(InterleavedF32 src) {
    reshapeLike(src);
    for (int y = 0; y < height; y++) {
      System.arraycopy(src.data, src.indexOf(0, y), data, indexOf(0, y), width * numBands);
    }
  }

  /** Allocating deep copy with a compact layout. */
  public InterleavedF32 copy() {
    InterleavedF32 out = new InterleavedF32(width, height, numBands);
    out.setTo(this);
    return out;
  }

  private void reshapeLike(InterleavedF32 src) {
    if (src.numBands != numBands) {
      throw new IllegalArgumentException("band count " + src.numBands + " != " + numBands);
    }
    if (src.width != width || src.height != height) {
      reshape(src.width, src.height);
    }
  }

  @Override
  protected int arrayLength() {
    return data.length;
  }

  @Override
  protected void allocate(int length) {
    data = new float[length];
  }
}
