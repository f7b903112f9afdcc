package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link InterleavedU16} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class InterleavedU16Test extends GeneralChecksImage<InterleavedU16> {
  @Override
  int bands() {
    return 3;
  }

  @Override
  InterleavedU16 create(int width, int height) {
    return new InterleavedU16(width, height, 3);
  }

  @Override
  Object data(InterleavedU16 img) {
    return img.data;
  }

  @Override
  void share(InterleavedU16 view, InterleavedU16 parent) {
    view.data = parent.data;
  }

  @Override
  double get(InterleavedU16 img, int x, int y, int band) {
    return img.get(x, y, band);
  }

  @Override
  void set(InterleavedU16 img, int x, int y, int band, double value) {
    img.set(x, y, band, (int) value);
  }

  @Override
  void fill(InterleavedU16 img, double value) {
    img.fill((int) value);
  }

  @Override
  void setTo(InterleavedU16 dst, InterleavedU16 src) {
    dst.setTo(src);
  }

  @Override
  InterleavedU16 copy(InterleavedU16 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (i * 2003) % 65536;
  }

  @Override
  double raw(InterleavedU16 img, int index) {
    return img.data[index] & 0xFFFF;
  }

  @Test
  void valuesAreUnsignedInEveryBand() {
    InterleavedU16 img = new InterleavedU16(2, 1, 3);
    img.set(1, 0, 2, 65535);
    img.set(1, 0, 1, 32768);
    assertEquals(65535, img.get(1, 0, 2));
    assertEquals(32768, img.get(1, 0, 1));
    assertEquals(0, img.get(1, 0, 0));
    assertEquals((short) -1, img.data[5]);
    img.fill(65535);
    assertEquals(65535, img.get(0, 0, 0));
  }

  @Test
  void setToRequiresTheSameBandCount() {
    assertThrows(IllegalArgumentException.class,
        () -> new InterleavedU16(2, 2, 3).setTo(new InterleavedU16(2, 2, 1)));
  }
}
