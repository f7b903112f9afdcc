package org.dpface.reconstruction.codec;

import java.util.Arrays;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.Rejection;

/**
 * Decodes whole camera rows; one instance per worker thread, owning its row buffers (grown to the row width
 * once, then reused: no per-pixel or per-row allocation). Each output pixel depends only on the input pixels
 * at the same position, so results do not depend on how rows are shared out.
 *
 * <p>Algorithm overview, per pixel:
 * <ol>
 *   <li>SHADOW if white - black is below the threshold; SATURATED if any frame reaches the saturation level.
 *   <li>Gray bits from the most significant down: bit = pattern > inverse (or 2 pattern > white + black
 *       without an inverse), decided on the integer pixel values, so exactly; the Gray word is turned into a
 *       binary cell index at the end. Across a stripe edge exactly one Gray bit changes, so that bit may
 *       legitimately be ambiguous in a blurred image: the weakest bit is excused when it is the bit that flips
 *       between the decoded cell and a neighbour; any other bit below the minimum contrast makes the pixel
 *       LOW_CONTRAST. Ties for the weakest bit go to the more significant bit.
 *   <li>Phase: N-step least squares, phi = atan2(-sum I_i sin d_i, sum I_i cos d_i), amplitude
 *       2/N |sum I_i e^{i d_i}| (Malacara, Optical Shop Testing, 3rd ed., ch. 14). Unwrapping: the period
 *       index k = round((cell centre - phase coordinate) / P), which is right even when the Gray cell is one
 *       off, since the cells are at most P/4 wide; the unwrapped coordinate must lie within 1.5 cells of
 *       the Gray cell centre, else PHASE_MISMATCH.
 * </ol>
 *
 * <p>How it is fast: a row is decoded frame by frame in branch-free loops over primitive row buffers that
 * the JIT vectorises (per Gray bit: the raw bit shifted into the Gray word, and the smallest and second
 * smallest contrast, and the first bit that had the smallest). Contrasts are kept as 2 |pattern - inverse| (or |2 pattern - white - black|) in integer units of the frames' full scale.
 */
final class RowDecoder {
  private final AxisPlan[] plans;
  private final int white;
  private final int black;
  private final DecoderConfig config;
  private int capacity;
  private int[] rowP = new int[0];
  private int[] rowQ = new int[0];
  private int[] rowW = new int[0];
  private int[] rowB = new int[0];
  /** white + black per pixel, for bits without an inverse. */
  private int[] rowWb = new int[0];
  private int[] max = new int[0];
  /** Per axis: Gray word, smallest and second smallest doubled contrast, largest (only without white/black). */
  private final int[][] gray = new int[2][0];
  private final int[][] min1 = new int[2][0];
  private final int[][] min2 = new int[2][0];
  /** Per axis: index of the first bit with the smallest contrast. */
  private final int[][] weakest = new int[2][0];
  private final int[][] maxC = new int[2][0];
  private final float[][] sumC = new float[2][0];
  private final float[][] sumS = new float[2][0];
  /** Per-axis result of {@link #decodeAxis}: coordinate, confidence, reject code. */
  private double outCoord;
  private float outConf;
  private Rejection outReject;

  RowDecoder(AxisPlan[] plans, int white, int black, DecoderConfig config) {
    this.plans = plans;
    this.white = white;
    this.black = black;
    this.config = config;
  }

  private void ensure(int n) {
    if (n <= capacity) {
      return;
    }
    capacity = n;
    rowP = new int[n];
    rowQ = new int[n];
    rowW = new int[n];
    rowB = new int[n];
    rowWb = new int[n];
    max = new int[n];
    for (int a = 0; a < 2; a++) {
      gray[a] = new int[n];
      min1[a] = new int[n];
      min2[a] = new int[n];
      weakest[a] = new int[n];
      maxC[a] = new int[n];
      sumC[a] = new float[n];
      sumS[a] = new float[n];
    }
  }

  /** Decodes row y of {@code frames} into {@code out} (already shaped to the frames). */
  void decodeRow(FrameRows frames, int y, DecodedMaps out) {
    int n = frames.width;
    ensure(n);
    int[] mx = max;
    Arrays.fill(mx, 0, n, 0);
    boolean hasWhiteBlack = white >= 0 && black >= 0;
    if (hasWhiteBlack) {
      fetch(frames, white, y, rowW, n);
      fetch(frames, black, y, rowB, n);
      int[] w = rowW;
      int[] b = rowB;
      int[] wb = rowWb;
      for (int x = 0; x < n; x++) {
        wb[x] = w[x] + b[x];
      }
    }
    for (int a = 0; a < 2; a++) {
      AxisPlan p = plans[a];
      if (p != null) {
        accumulateAxis(frames, y, p, a, n, hasWhiteBlack);
      }
    }
    finish(frames, y, n, hasWhiteBlack, out);
  }

  /** Runs the per-frame loops of one axis over row y. */
  private void accumulateAxis(FrameRows frames, int y, AxisPlan p, int a, int n, boolean hasWhiteBlack) {
    int[] g = gray[a];
    int[] m1 = min1[a];
    int[] m2 = min2[a];
    int[] wk = weakest[a];
    int bits = p.pattern.length;
    if (bits > 0) {
      Arrays.fill(g, 0, n, 0);
      Arrays.fill(m1, 0, n, Integer.MAX_VALUE);
      Arrays.fill(m2, 0, n, Integer.MAX_VALUE);
      if (!hasWhiteBlack) {
        Arrays.fill(maxC[a], 0, n, 0);
      }
    }
    for (int k = 0; k < bits; k++) {
      int[] pv = rowP;
      fetch(frames, p.pattern[k], y, pv, n);
      int[] qv;
      if (p.inverse[k] >= 0) {
        qv = rowQ;
        fetch(frames, p.inverse[k], y, qv, n);
        bitStep(pv, qv, k, g, m1, m2, wk, n);
      } else {
        // threshold against the mean of white and black: d = 2 p - (w + b)
        qv = rowQ;
        int[] wb = rowWb;
        for (int x = 0; x < n; x++) {
          qv[x] = wb[x] - pv[x];
        }
        bitStep(pv, qv, k, g, m1, m2, wk, n);
      }
      if (!hasWhiteBlack) {
        int[] mc = maxC[a];
        for (int x = 0; x < n; x++) {
          mc[x] = Math.max(mc[x], Math.abs(pv[x] - qv[x]) << 1);
        }
      }
    }
    int steps = p.phase.length;
    if (steps > 0) {
      float[] sc = sumC[a];
      float[] ss = sumS[a];
      Arrays.fill(sc, 0, n, 0f);
      Arrays.fill(ss, 0, n, 0f);
      float inv = 1f / frames.fullScale;
      int[] pv = rowP;
      for (int s = 0; s < steps; s++) {
        fetch(frames, p.phase[s], y, pv, n);
        float cs = p.cos[s];
        float sn = p.sin[s];
        for (int x = 0; x < n; x++) {
          float iv = pv[x] * inv;
          sc[x] += iv * cs;
          ss[x] += iv * sn;
        }
      }
    }
  }

  /** Reads row y of frame f into {@code dst} and raises the per-pixel maximum (saturation test). */
  private void fetch(FrameRows frames, int f, int y, int[] dst, int n) {
    frames.read(f, y, dst);
    int[] mx = max;
    for (int x = 0; x < n; x++) {
      mx[x] = Math.max(mx[x], dst[x]);
    }
  }

  /**
   * One Gray bit over a row: bit = p > q shifted into the Gray word; doubled contrast 2 |p - q| folded into
   * the smallest and second smallest so far. Branch-free, so the JIT vectorises it.
   */
  private static void bitStep(int[] p, int[] q, int k, int[] g, int[] m1, int[] m2, int[] wk, int n) {
    for (int x = 0; x < n; x++) {
      int d = p[x] - q[x];
      g[x] = (g[x] << 1) | ((-d) >>> 31);
      int c = Math.abs(d) << 1;
      int lo = m1[x];
      int below = (c - lo) >> 31; // all ones when c < lo (no overflow: 0 <= c, lo)
      wk[x] ^= (wk[x] ^ k) & below;
      m2[x] = Math.min(m2[x], Math.max(lo, c));
      m1[x] = Math.min(lo, c);
    }
  }

  /** Per-pixel decisions from the accumulated row state; writes the output row. */
  private void finish(FrameRows frames, int y, int n, boolean hasWhiteBlack, DecodedMaps out) {
    float[] uData = out.projU.data;
    float[] vData = out.projV.data;
    float[] cData = out.confidence.data;
    byte[] mData = out.mask.data;
    byte[] rData = out.reason.data;
    int iu = out.projU.indexOf(0, y);
    int iv = out.projV.indexOf(0, y);
    int ic = out.confidence.indexOf(0, y);
    int im = out.mask.indexOf(0, y);
    int ir = out.reason.indexOf(0, y);
    float inv = 1f / frames.fullScale;
    float shadow = (float) config.shadowThreshold();
    float sat = (float) config.saturationLevel();
    int[] w = rowW;
    int[] b = rowB;
    int[] mx = max;
    for (int x = 0; x < n; x++) {
      Rejection reject = Rejection.NONE;
      float range = Float.NaN;
      if (hasWhiteBlack) {
        range = (w[x] - b[x]) * inv;
        if (!(range >= shadow)) {
          reject = Rejection.SHADOW;
        }
      }
      if (reject == Rejection.NONE && mx[x] * inv >= sat) {
        reject = Rejection.SATURATED;
      }
      double u = Double.NaN;
      double v = Double.NaN;
      float conf = 1f;
      for (int a = 0; a < 2 && reject == Rejection.NONE; a++) {
        AxisPlan p = plans[a];
        if (p == null) {
          continue;
        }
        decodeAxis(frames, p, a, x, y, range, inv, shadow);
        if (outReject != Rejection.NONE) {
          reject = outReject;
        } else {
          conf = Math.min(conf, outConf);
          if (a == 0) {
            u = outCoord;
          } else {
            v = outCoord;
          }
        }
      }
      if (reject == Rejection.NONE) {
        uData[iu + x] = (float) u;
        vData[iv + x] = (float) v;
        cData[ic + x] = Math.max(0f, conf);
        mData[im + x] = 1;
      } else {
        uData[iu + x] = Float.NaN;
        vData[iv + x] = Float.NaN;
        cData[ic + x] = 0f;
        mData[im + x] = 0;
      }
      rData[ir + x] = reject.code();
    }
  }

  /** Decodes axis a at column x; sets outCoord, outConf, outReject. */
  private void decodeAxis(FrameRows frames, AxisPlan p, int a, int x, int y, float range, float inv,
      float shadow) {
    outReject = Rejection.NONE;
    int n = p.pattern.length;
    float halfInv = 0.5f * inv;
    int cell = 0;
    int lo1 = 0;
    if (n > 0) {
      int gw = gray[a][x];
      gw ^= gw >>> 1;
      gw ^= gw >>> 2;
      gw ^= gw >>> 4;
      gw ^= gw >>> 8;
      cell = gw ^ (gw >>> 16);
      lo1 = min1[a][x];
    }
    int steps = p.phase.length;
    float sc = 0;
    float ss = 0;
    float amp = 0f;
    if (steps > 0) {
      sc = sumC[a][x];
      ss = sumS[a][x];
      amp = (2f / steps) * (float) Math.sqrt(sc * sc + ss * ss);
    }
    // doubled integer range for the Gray contrast test: 2 (white - black), else the largest contrast
    int range2 = 0;
    if (Float.isNaN(range)) {
      range2 = n > 0 ? maxC[a][x] : 0;
      range = n > 0 ? range2 * halfInv : 2f * amp;
      if (!(range >= shadow)) {
        outReject = Rejection.SHADOW;
        return;
      }
    } else {
      range2 = (rowW[x] - rowB[x]) << 1;
    }
    float conf = 1f;
    if (n > 0) {
      // exact test on integers: a bit is weak when 2 |p - q| < minBitContrast * 2 (white - black)
      double thr = config.minBitContrast() * range2;
      int decisive = lo1;
      if (lo1 < thr) {
        int lo2 = min2[a][x];
        // weakest bit excused only if it is the bit that flips between this cell and a neighbour
        int rel = n - 1 - weakest[a][x];
        boolean edgeBit = rel == Integer.numberOfTrailingZeros(cell + 1)
            || (cell > 0 && rel == Integer.numberOfTrailingZeros(cell));
        if (!edgeBit || (n > 1 && lo2 < thr) || n == 1) {
          outReject = Rejection.LOW_CONTRAST;
          return;
        }
        decisive = n > 1 ? lo2 : lo1;
      }
      conf = (float) ((double) decisive / range2);
    }
    if (steps > 0) {
      if (amp < config.minModulation() * range) {
        outReject = Rejection.LOW_MODULATION;
        return;
      }
      conf = Math.min(conf, 2f * amp / range);
      double period = p.period;
      double f = FastAtan.atan2(-ss, sc) * (period / (2 * Math.PI));
      if (f < 0) {
        f += period;
      }
      double coord;
      if (p.unwrap) {
        double centre = ((long) cell << p.lowBit) + ((1 << p.lowBit) - 1) * 0.5;
        coord = Math.rint((centre - f) / period) * period + f;
        if (Math.abs(coord - centre) > p.mismatchTol) {
          outReject = Rejection.PHASE_MISMATCH;
          return;
        }
      } else {
        coord = f > p.extent - 0.5 + 0.5 * (period - p.extent) ? f - period : f;
      }
      if (coord < -0.5 || coord > p.extent - 0.5) {
        outReject = Rejection.OUT_OF_RANGE;
        return;
      }
      outCoord = coord;
    } else {
      if (((long) cell << p.lowBit) >= p.extent) {
        outReject = Rejection.OUT_OF_RANGE;
        return;
      }
      outCoord = ((long) cell << p.lowBit) + ((1 << p.lowBit) - 1) * 0.5;
    }
    outConf = Math.min(1f, conf);
  }
}
