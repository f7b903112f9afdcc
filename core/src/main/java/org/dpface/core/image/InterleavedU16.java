package org.dpface.core.image;

import java.util.Arrays;

/** Multi-band interleaved unsigned 16-bit image (RGB raw captures). */
public final class InterleavedU16 extends ImageBase {
  /** Pixel data; see {@link ImageBase} for the layout. Public for unchecked inner-loop access. */
  public short[] data;

  public InterleavedU16(int width, int height, int numBands) {
    super(numBands);
    data = new short[0];
    reshape(width, height);
  }

  /** Value at (x, y), bounds checked. Returned unsigned (0..65535). */
  public int get(int x, int y, int band) {
    return data[checkedIndex(x, y, band)] & 0xFFFF;
  }

  /** Sets the value at (x, y), bounds checked. */
  public void set(int x, int y, int band, int value) {
    data[checkedIndex(x, y, band)] = (short) value;
  }

  /** Sets every element of every pixel to {@code value}. */
  public void fill(int value) {
    if (startIndex == 0 && stride == width * numBands) {
      Arrays.fill(data, 0, width * height * numBands, (short) value);
      return;
    }
    for (int y = 0; y < height; y++) {
      int row = startIndex + y * stride;
      Arrays.fill(data, row, row + width * numBands, (short) value);
    }
  }

  /**
   * Copies {@code src} into this image, honouring both layouts (stride, start index). If the shapes
   * differ this image is first reshaped to src's shape (compact layout); a different band count throws.
   */
  public void setTo(InterleavedU16 src) {
    reshapeLike(src);
    for (int y = 0; y < height; y++) {
      System.arraycopy(src.data, src.indexOf(0, y), data, indexOf(0, y), width * numBands);
    }
  }

  /** Allocating deep copy with a compact layout. */
  public InterleavedU16 copy() {
    InterleavedU16 out = new InterleavedU16(width, height, numBands);
    out.setTo(this);
    return out;
  }

  private void reshapeLike(InterleavedU16 src) {
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
    data = new short[length];
  }
}
