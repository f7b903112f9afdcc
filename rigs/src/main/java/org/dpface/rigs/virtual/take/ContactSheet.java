package org.dpface.rigs.virtual.take;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.Pictures;
import org.dpface.rigs.virtual.render.SceneLookup;

/**
 * One PNG that shows one take at a glance. One row per chosen camera, tiles left to right (4 px black
 * gaps, no text labels):
 *
 * <ol>
 *   <li>up to three structured-light frames (raw left + right, so the full-aperture image): the first,
 *       middle and last pattern of the first projector;
 *   <li>the DP left and right raw views under the first lamp;
 *   <li>their difference left − right (diverging colormap, ± the 99th percentile of |L − R| on the
 *       subject): DP disparity shows as signed fringes along edges;
 *   <li>depth truth (turbo) and normal truth (RGB = 127.5 · (n + 1)).
 * </ol>
 * Raw frames are shown linearly from the black level to the 99.5th percentile of the frame.
 */
public final class ContactSheet {
  private static final int GAP = 4;

  private ContactSheet() {}

  /** Renders the sheet of {@code cameraIds} (e.g. one or two cameras) and writes it as an RGB PNG. */
  public static void write(Path png, VirtualTake take, List<String> cameraIds) throws IOException {
    Pictures.writePng(png, render(take, cameraIds));
  }

  /** The sheet as a picture (allocates). */
  public static InterleavedU8 render(VirtualTake take, List<String> cameraIds) {
    if (cameraIds.isEmpty()) {
      throw new IllegalArgumentException("need at least one camera");
    }
    List<Integer> sl = new ArrayList<>();
    int lightStep = -1;
    for (TakeStep s : take.steps()) {
      if (s.kind() == TakeStep.Kind.STRUCTURED_LIGHT && s.sourceIndex() == 0) {
        sl.add(s.index());
      } else if (s.kind() != TakeStep.Kind.STRUCTURED_LIGHT && lightStep < 0) {
        lightStep = s.index();
      }
    }
    List<Integer> shownSl = sl.isEmpty() ? List.of()
        : List.of(sl.get(0), sl.get(sl.size() / 2), sl.get(sl.size() - 1)).stream().distinct().toList();
    List<InterleavedU8> rows = new ArrayList<>();
    GrayU16 l = new GrayU16(1, 1);
    GrayU16 r = new GrayU16(1, 1);
    GrayF32 a = new GrayF32(1, 1);
    GrayF32 b = new GrayF32(1, 1);
    for (String cam : cameraIds) {
      List<InterleavedU8> tiles = new ArrayList<>();
      double black = take.config().slSensor().blackLevelDn();
      for (int step : shownSl) {
        take.renderStep(cam, step, l, r);
        toFloat(l, a, black);
        toFloat(r, b, black);
        for (int i = 0; i < a.width() * a.height(); i++) {
          a.data[i] += b.data[i];
        }
        tiles.add(grayPicture(a));
      }
      SceneLookup lookup = take.lookup(cam);
      if (lightStep >= 0) {
        double lb = take.config().lightSensor().blackLevelDn();
        take.renderStep(cam, lightStep, l, r);
        toFloat(l, a, lb);
        toFloat(r, b, lb);
        float hi = Math.max(percentile(a, 0.995), percentile(b, 0.995));
        tiles.add(Pictures.gray(a, 0, hi, null));
        tiles.add(Pictures.gray(b, 0, hi, null));
        for (int i = 0; i < a.width() * a.height(); i++) {
          a.data[i] -= b.data[i];
        }
        float[] abs = new float[a.width() * a.height()];
        int n = 0;
        for (int i = 0; i < abs.length; i++) {
          if (lookup.mask.data[i] != 0) {
            abs[n++] = Math.abs(a.data[i]);
          }
        }
        float maxAbs = n == 0 ? 1 : Math.max(1e-3f, sortedAt(Arrays.copyOf(abs, n), 0.99));
        tiles.add(Pictures.signedError(a, null, maxAbs, null));
      }
      tiles.add(Pictures.depth(lookup.depth));
      tiles.add(Pictures.normals(lookup.normal, null));
      rows.add(withGaps(tiles));
    }
    return stack(rows);
  }

  private static void toFloat(GrayU16 raw, GrayF32 out, double black) {
    out.reshape(raw.width(), raw.height());
    for (int y = 0; y < raw.height(); y++) {
      int i = raw.indexOf(0, y);
      int o = out.indexOf(0, y);
      for (int x = 0; x < raw.width(); x++) {
        out.data[o + x] = (float) ((raw.data[i + x] & 0xffff) - black);
      }
    }
  }

  private static InterleavedU8 grayPicture(GrayF32 img) {
    float hi = percentile(img, 0.995);
    return Pictures.gray(img, 0, Math.max(hi, 1), null);
  }

  private static float percentile(GrayF32 img, double q) {
    return sortedAt(Arrays.copyOf(img.data, img.width() * img.height()), q);
  }

  private static float sortedAt(float[] v, double q) {
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(q * (v.length - 1)))];
  }

  private static InterleavedU8 withGaps(List<InterleavedU8> tiles) {
    List<InterleavedU8> parts = new ArrayList<>();
    for (InterleavedU8 t : tiles) {
      if (!parts.isEmpty()) {
        parts.add(new InterleavedU8(GAP, 1, 3));
      }
      parts.add(t);
    }
    return Pictures.sideBySide(parts.toArray(new InterleavedU8[0]));
  }

  private static InterleavedU8 stack(List<InterleavedU8> rows) {
    int w = 0;
    int h = 0;
    for (InterleavedU8 r : rows) {
      w = Math.max(w, r.width());
      h += r.height() + (h > 0 ? GAP : 0);
    }
    InterleavedU8 out = new InterleavedU8(w, h, 3);
    int y0 = 0;
    for (InterleavedU8 r : rows) {
      for (int y = 0; y < r.height(); y++) {
        System.arraycopy(r.data, r.indexOf(0, y), out.data, out.indexOf(0, y0 + y), r.width() * 3);
      }
      y0 += r.height() + GAP;
    }
    return out;
  }
}
