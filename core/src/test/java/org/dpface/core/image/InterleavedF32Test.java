package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link InterleavedF32} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class InterleavedF32Test extends GeneralChecksImage<InterleavedF32> {
  @Override
  int bands() {
    return 3;
  }

  @Override
  InterleavedF32 create(int width, int height) {
    return new InterleavedF32(width, height, 3);
  }

  @Override
  Object data(InterleavedF32 img) {
    return img.data;
  }

  @Override
  void share(InterleavedF32 view, InterleavedF32 parent) {
    view.data = parent.data;
  }

  @Override
  double get(InterleavedF32 img, int x, int y, int band) {
    return img.get(x, y, band);
  }

  @Override
  void set(InterleavedF32 img, int x, int y, int band, double value) {
    img.set(x, y, band, (float) value);
  }

  @Override
  void fill(InterleavedF32 img, double value) {
    img.fill((float) value);
  }

  @Override
  void setTo(InterleavedF32 dst, InterleavedF32 src) {
    dst.setTo(src);
  }

  @Override
  InterleavedF32 copy(InterleavedF32 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (float) (i * 0.37 - 1000);
  }

  @Override
  double raw(InterleavedF32 img, int index) {
    return img.data[index];
  }

  @Test
  void setToRequiresTheSameBandCount() {
    assertThrows(IllegalArgumentException.class,
        () -> new InterleavedF32(2, 2, 3).setTo(new InterleavedF32(2, 2, 2)));
  }

  @Test
  void normalsLayoutIsXyzPerPixel() {
    InterleavedF32 n = new InterleavedF32(2, 2, 3);
    n.set(1, 1, 0, 0.6f);
    n.set(1, 1, 1, 0.0f);
    n.set(1, 1, 2, -0.8f);
    int i = n.indexOf(1, 1);
    assertEquals(9, i);
    assertEquals(0.6f, n.data[i]);
    assertEquals(-0.8f, n.data[i + 2]);
  }
}
