package org.dpface.core.image;

import java.util.Arrays;

/** Single-band float32 image (depth in mm, intensities, ...). */
public final class GrayF32 extends ImageBase {
  /** Pixel data; see {@link ImageBase} for the layout. Public for unchecked inner-loop access. */
  public float[] data;

  public GrayF32(int width, int height) {
    super(1);
    data = new float[0];
    reshape(width, height);
  }

  /** Value at (x, y), bounds checked. */
  public float get(int x, int y) {
    return data[checkedIndex(x, y, 0)];
  }

  /** Sets the value at (x, y), bounds checked. */
  public void set(int x, int y, float value) {
    data[checkedIndex(x, y, 0)] = value;
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
  public void setTo(GrayF32 src) {
    reshapeLike(src);
    for (int y = 0; y < height; y++) {
      System.arraycopy(src.data, src.indexOf(0, y), data, indexOf(0, y), width * numBands);
    }
  }

  /** Allocating deep copy with a compact layout. */
  public GrayF32 copy() {
    GrayF32 out = new GrayF32(width, height);
    out.setTo(this);
    return out;
  }

  private void reshapeLike(GrayF32 src) {
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
