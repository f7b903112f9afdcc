package org.dpface.core.image;

import java.util.Arrays;

/** Single-band int32 image (labels, triangle ids; -1 commonly means none). */
public final class GrayS32 extends ImageBase {
  /** Pixel data; see {@link ImageBase} for the layout. Public for unchecked inner-loop access. */
  public int[] data;

  public GrayS32(int width, int height) {
    super(1);
    data = new int[0];
    reshape(width, height);
  }

  /** Value at (x, y), bounds checked. */
  public int get(int x, int y) {
    return data[checkedIndex(x, y, 0)];
  }

  /** Sets the value at (x, y), bounds checked. */
  public void set(int x, int y, int value) {
    data[checkedIndex(x, y, 0)] = value;
  }

  /** Sets every element of every pixel to {@code value}. */
  public void fill(int value) {
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
  public void setTo(GrayS32 src) {
    reshapeLike(src);
    for (int y = 0; y < height; y++) {
      System.arraycopy(src.data, src.indexOf(0, y), data, indexOf(0, y), width * numBands);
    }
  }

  /** Allocating deep copy with a compact layout. */
  public GrayS32 copy() {
    GrayS32 out = new GrayS32(width, height);
    out.setTo(this);
    return out;
  }

  private void reshapeLike(GrayS32 src) {
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
    data = new int[length];
  }
}
