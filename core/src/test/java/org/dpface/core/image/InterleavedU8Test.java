package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link InterleavedU8} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class InterleavedU8Test extends GeneralChecksImage<InterleavedU8> {
  @Override
  int bands() {
    return 3;
  }

  @Override
  InterleavedU8 create(int width, int height) {
    return new InterleavedU8(width, height, 3);
  }

  @Override
  Object data(InterleavedU8 img) {
    return img.data;
  }

  @Override
  void share(InterleavedU8 view, InterleavedU8 parent) {
    view.data = parent.data;
  }

  @Override
  double get(InterleavedU8 img, int x, int y, int band) {
    return img.get(x, y, band);
  }

  @Override
  void set(InterleavedU8 img, int x, int y, int band, double value) {
    img.set(x, y, band, (int) value);
  }

  @Override
  void fill(InterleavedU8 img, double value) {
    img.fill((int) value);
  }

  @Override
  void setTo(InterleavedU8 dst, InterleavedU8 src) {
    dst.setTo(src);
  }

  @Override
  InterleavedU8 copy(InterleavedU8 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (i * 37) % 256;
  }

  @Override
  double raw(InterleavedU8 img, int index) {
    return img.data[index] & 0xFF;
  }

  @Test
  void valuesAreUnsignedInEveryBand() {
    InterleavedU8 img = new InterleavedU8(2, 1, 3);
    img.set(1, 0, 2, 255);
    img.set(1, 0, 1, 128);
    assertEquals(255, img.get(1, 0, 2));
    assertEquals(128, img.get(1, 0, 1));
    assertEquals(0, img.get(1, 0, 0));
    assertEquals((byte) -1, img.data[5]);
    img.fill(255);
    assertEquals(255, img.get(0, 0, 0));
  }

  @Test
  void setToRequiresTheSameBandCount() {
    assertThrows(IllegalArgumentException.class, () -> new InterleavedU8(2, 2, 3).setTo(new InterleavedU8(2, 2, 4)));
    assertThrows(IllegalArgumentException.class, () -> new InterleavedU8(2, 2, 0));
  }
}
