package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import org.junit.jupiter.api.Test;

/**
 * Contract every image buffer type must meet, subclassed once per type (BoofCV-style general checks).
 * Values travel as doubles; each subclass maps a test index to a value its element type represents
 * exactly and adapts the type's own get/set/fill/setTo/copy.
 *
 * <p>"Subimage" views are built here by hand (same package): a window into a larger parent's array with
 * the parent's stride and a non-zero start index, the layout that {@code setTo}, {@code copy} and
 * {@code fill} must honour.
 */
abstract class GeneralChecksImage<T extends ImageBase> {
  /** Bands of the type under test (1 for gray). */
  abstract int bands();

  abstract T create(int width, int height);

  /** The primitive data array of {@code img}. */
  abstract Object data(T img);

  /** Makes {@code view} use {@code parent}'s data array. */
  abstract void share(T view, T parent);

  abstract double get(T img, int x, int y, int band);

  abstract void set(T img, int x, int y, int band, double value);

  abstract void fill(T img, double value);

  abstract void setTo(T dst, T src);

  abstract T copy(T img);

  /** A value the type stores exactly, different for different small {@code i}. */
  abstract double value(int i);

  /** Element {@code index} of the raw data array, read with the type's own semantics. */
  abstract double raw(T img, int index);

  private int code(int x, int y, int band) {
    return (y * 131 + x) * 7 + band + 1;
  }

  /** Writes a distinct value to every element of every pixel. */
  private void paint(T img, int salt) {
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        for (int b = 0; b < bands(); b++) {
          set(img, x, y, b, value(code(x, y, b) + salt));
        }
      }
    }
  }

  /** Window (x0, y0, w, h) of {@code parent}, sharing its array. */
  T subimage(T parent, int x0, int y0, int w, int h) {
    T view = create(0, 0);
    share(view, parent);
    view.width = w;
    view.height = h;
    view.stride = parent.stride;
    view.startIndex = parent.indexOf(x0, y0);
    return view;
  }

  @Test
  void newImageHasACompactLayout() {
    T img = create(7, 5);
    assertEquals(7, img.width());
    assertEquals(5, img.height());
    assertEquals(bands(), img.numBands());
    assertEquals(7 * bands(), img.stride());
    assertEquals(0, img.startIndex());
    assertEquals(35, img.pixelCount());
    assertEquals(35 * bands(), Array.getLength(data(img)));
    for (int i = 0; i < 35 * bands(); i++) {
      assertEquals(0, raw(img, i), 0, "zero initialised");
    }
  }

  @Test
  void getReturnsWhatSetStoredAtIndexOf() {
    T img = create(9, 4);
    paint(img, 0);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 9; x++) {
        assertEquals(img.startIndex() + y * img.stride() + x * bands(), img.indexOf(x, y));
        for (int b = 0; b < bands(); b++) {
          double expected = value(code(x, y, b));
          assertEquals(expected, get(img, x, y, b), 0);
          assertEquals(expected, raw(img, img.indexOf(x, y) + b), 0, "layout startIndex + y*stride + x*bands + b");
        }
      }
    }
  }

  @Test
  void fillSetsEveryElement() {
    T img = create(6, 3);
    paint(img, 0);
    double v = value(4242);
    fill(img, v);
    for (int i = 0; i < 18 * bands(); i++) {
      assertEquals(v, raw(img, i), 0);
    }
  }

  @Test
  void fillOfASubimageTouchesOnlyItsWindow() {
    T parent = create(10, 8);
    paint(parent, 0);
    T view = subimage(parent, 3, 2, 4, 5);
    double v = value(999);
    fill(view, v);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 10; x++) {
        boolean inside = x >= 3 && x < 7 && y >= 2 && y < 7;
        for (int b = 0; b < bands(); b++) {
          assertEquals(inside ? v : value(code(x, y, b)), get(parent, x, y, b), 0, "(" + x + ", " + y + ")");
        }
      }
    }
  }

  @Test
  void subimageGetAndSetAddressTheWindow() {
    T parent = create(10, 8);
    paint(parent, 0);
    T view = subimage(parent, 3, 2, 4, 5);
    assertEquals(value(code(5, 4, bands() - 1)), get(view, 2, 2, bands() - 1), 0);
    set(view, 0, 0, 0, value(77));
    assertEquals(value(77), get(parent, 3, 2, 0), 0);
    // inside the parent's array but outside the window
    assertThrows(IndexOutOfBoundsException.class, () -> get(view, 4, 0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> set(view, 0, 5, 0, 1));
  }

  @Test
  void setToFromASubimageCopiesTheWindowWithItsStride() {
    T parent = create(10, 8);
    paint(parent, 0);
    T view = subimage(parent, 2, 3, 5, 4);
    T dst = create(5, 4);
    setTo(dst, view);
    assertEquals(5 * bands(), dst.stride());
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        for (int b = 0; b < bands(); b++) {
          assertEquals(value(code(x + 2, y + 3, b)), get(dst, x, y, b), 0);
        }
      }
    }
  }

  @Test
  void setToIntoASubimageWritesOnlyTheWindow() {
    T parent = create(10, 8);
    paint(parent, 0);
    T view = subimage(parent, 4, 1, 3, 6);
    T src = create(3, 6);
    paint(src, 5000);
    setTo(view, src);
    assertEquals(parent.stride(), view.stride(), "same shape: the view keeps its layout");
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 10; x++) {
        boolean inside = x >= 4 && x < 7 && y >= 1 && y < 7;
        for (int b = 0; b < bands(); b++) {
          double expected = inside ? value(code(x - 4, y - 1, b) + 5000) : value(code(x, y, b));
          assertEquals(expected, get(parent, x, y, b), 0, "(" + x + ", " + y + ")");
        }
      }
    }
  }

  @Test
  void setToReshapesADifferentlyShapedDestination() {
    T src = create(4, 3);
    paint(src, 0);
    T dst = create(2, 9);
    setTo(dst, src);
    assertTrue(dst.isSameShape(src));
    assertEquals(4 * bands(), dst.stride());
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        for (int b = 0; b < bands(); b++) {
          assertEquals(get(src, x, y, b), get(dst, x, y, b), 0);
        }
      }
    }
  }

  @Test
  void copyIsDeepAndCompact() {
    T parent = create(9, 7);
    paint(parent, 0);
    T view = subimage(parent, 1, 2, 6, 4);
    T c = copy(view);
    assertNotSame(data(parent), data(c));
    assertEquals(6, c.width());
    assertEquals(4, c.height());
    assertEquals(0, c.startIndex());
    assertEquals(6 * bands(), c.stride());
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        for (int b = 0; b < bands(); b++) {
          assertEquals(value(code(x + 1, y + 2, b)), get(c, x, y, b), 0);
        }
      }
    }
    set(c, 0, 0, 0, value(31));
    assertEquals(value(code(1, 2, 0)), get(parent, 1, 2, 0), 0, "the copy does not alias");
  }

  @Test
  void reshapeReusesStorageWhenLargeEnough() {
    T img = create(8, 6);
    Object array = data(img);
    img.reshape(6, 8);
    assertSame(array, data(img), "same element count");
    img.reshape(3, 2);
    assertSame(array, data(img), "smaller");
    assertEquals(3, img.width());
    assertEquals(2, img.height());
    assertEquals(3 * bands(), img.stride());
    assertEquals(0, img.startIndex());
    img.reshape(8, 6);
    assertSame(array, data(img), "back to the original size");
    img.reshape(9, 6);
    assertNotSame(array, data(img), "larger needs a new array");
    assertTrue(Array.getLength(data(img)) >= 54 * bands());
    assertThrows(IllegalArgumentException.class, () -> img.reshape(-1, 2));
  }

  @Test
  void reshapeOfASubimageMakesItCompact() {
    T parent = create(10, 8);
    T view = subimage(parent, 3, 2, 4, 5);
    view.reshape(2, 2);
    assertSame(data(parent), data(view));
    assertEquals(0, view.startIndex());
    assertEquals(2 * bands(), view.stride());
  }

  @Test
  void outOfBoundsAccessThrows() {
    T img = create(5, 4);
    int[][] bad = {{-1, 0}, {0, -1}, {5, 0}, {0, 4}, {5, 4}, {Integer.MIN_VALUE, 0}};
    for (int[] p : bad) {
      assertThrows(IndexOutOfBoundsException.class, () -> get(img, p[0], p[1], 0), p[0] + "," + p[1]);
      assertThrows(IndexOutOfBoundsException.class, () -> set(img, p[0], p[1], 0, 1), p[0] + "," + p[1]);
    }
    if (bands() > 1) { // gray types have no band argument
      assertThrows(IndexOutOfBoundsException.class, () -> get(img, 0, 0, -1));
      assertThrows(IndexOutOfBoundsException.class, () -> get(img, 0, 0, bands()));
      assertThrows(IndexOutOfBoundsException.class, () -> set(img, 4, 3, bands(), 1));
    }
    assertTrue(img.isInBounds(4, 3));
    assertFalse(img.isInBounds(5, 3));
    assertFalse(img.isInBounds(4, -1));
  }

  @Test
  void shapeComparison() {
    T a = create(5, 4);
    assertTrue(a.isSameShape(create(5, 4)));
    assertFalse(a.isSameShape(create(4, 5)));
    assertThrows(IllegalArgumentException.class, () -> a.checkSameShape(create(5, 3)));
    a.checkSameShape(create(5, 4));
    assertThrows(IllegalArgumentException.class, () -> create(-1, 4));
    assertThrows(ArithmeticException.class, () -> create(1 << 16, 1 << 16), "size overflow is not wrapped");
  }

  @Test
  void emptyImagesAreAllowed() {
    T img = create(0, 0);
    assertEquals(0, img.pixelCount());
    T c = copy(img);
    assertEquals(0, c.width());
    fill(img, value(3));
    assertThrows(IndexOutOfBoundsException.class, () -> get(img, 0, 0, 0));
  }
}
