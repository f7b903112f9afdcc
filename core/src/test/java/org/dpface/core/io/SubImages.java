package org.dpface.core.io;

import java.lang.reflect.Field;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.ImageBase;
import org.dpface.core.image.InterleavedU16;

/**
 * Test helper: views of a rectangle of a parent image sharing its array (stride and start index differ from
 * a compact layout). The core image types have no public sub-image constructor yet, so this sets the
 * protected layout fields reflectively.
 */
final class SubImages {
  private SubImages() {}

  static GrayU16 view(GrayU16 parent, int x0, int y0, int w, int h) {
    GrayU16 v = new GrayU16(0, 0);
    v.data = parent.data;
    layout(v, parent, x0, y0, w, h);
    return v;
  }

  static InterleavedU16 view(InterleavedU16 parent, int x0, int y0, int w, int h) {
    InterleavedU16 v = new InterleavedU16(0, 0, parent.numBands());
    v.data = parent.data;
    layout(v, parent, x0, y0, w, h);
    return v;
  }

  private static void layout(ImageBase v, ImageBase parent, int x0, int y0, int w, int h) {
    try {
      set(v, "width", w);
      set(v, "height", h);
      set(v, "stride", parent.stride());
      set(v, "startIndex", parent.indexOf(x0, y0));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void set(ImageBase img, String name, int value) throws ReflectiveOperationException {
    Field f = ImageBase.class.getDeclaredField(name);
    f.setAccessible(true);
    f.setInt(img, value);
  }
}
