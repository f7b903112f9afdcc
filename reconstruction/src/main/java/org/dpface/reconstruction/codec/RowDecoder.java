package org.dpface.reconstruction.codec;

import java.util.Arrays;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.Rejection;

/**
 * Decodes runs of consecutive camera pixels (a row, or for compact layouts any run of the image flattened
 * row after row); one instance per worker thread, owning its buffers (grown to the run length once, then
 * reused: no per-pixel or per-run allocation). Each output pixel depends only on the input pixels at the
 * same position, so results do not depend on how runs are shared out.
 *
 * <p>Algorithm overview, per pixel:
 * <ol>
 *   <li>SHADOW if white - black is below the threshold; SATURATED if any frame reaches the saturation level.
 *   <li>Gray bits from the most significant down: bit = pattern > inverse (or 2 pattern > white + black
 *       without an inverse), decided on the integer pixel values, so exactly; the Gray word is turned into a
 *       binary cell index at the end. A bit is weak when its doubled contrast 2 |pattern - inverse| (or
 *       |2 pattern - white - black|) is below minBitContrast times 2 (white - black). Across a stripe edge
 *       exactly one Gray bit changes, so that bit may legitimately be weak in a blurred image: a single weak
 *       bit is excused when it is the bit that flips between the decoded cell and a neighbour; two weak bits,
 *       or a weak bit elsewhere, make the pixel LOW_CONTRAST. Confidence: the smallest contrast of the other
 *       bits over 2 (white - black).
 *   <li>Phase: N-step least squares, phi = atan2(-sum I_i sin d_i, sum I_i cos d_i), amplitude
 *       2/N |sum I_i e^{i d_i}| (Malacara, Optical Shop Testing, 3rd ed., ch. 14). Unwrapping: the period
 *       index k = round((cell centre - phase coordinate) / P), which is right even when the Gray cell is one
 *       off, since the cells are at most P/4 wide; the unwrapped coordinate must lie within 1.5 cells of
 *       the Gray cell centre, else PHASE_MISMATCH.
 * </ol>
 * Without white and black frames the largest doubled bit contrast of an axis (or twice the phase amplitude
 * when the axis has no Gray bits) stands in for 2 (white - black), tested per axis against the shadow
 * threshold. When several reasons apply, the first in {@link Rejection}'s order wins (axis x before y).
 *
 * <p>How it is fast: the run is decoded frame by frame in branch-free loops over primitive int buffers that
 * C2 vectorises. Each Gray pair costs two widening reads ({@link FrameRows#read}) and one loop that ORs the
 * bit, the weak flag and a saturation flag (bit 31) into one int word per pixel (weak bits in its low 16
 * bits when the axis has at most 15 Gray bits, else in a second word) and keeps the smallest strong
 * contrast: two vector stores per 16 pixels, which is what the loop waits on with AVX-512. The weak
 * threshold (an integer: c < t exactly when c < ceil(t) for integer c) and the shadow and saturation levels
 * (smallest integer values passing the float tests) are computed before the loops. The final pass for
 * Gray-only axes and the merge of both axes are branch-free loops too; only axes with phase frames take a
 * per-pixel path (atan2).
 */
final class RowDecoder {
  private final AxisPlan[] plans;
  private final int white;
  private final int black;
  private final boolean hasWhiteBlack;
  private final DecoderConfig config;
  private int capacity;
  /** Full scale the integer levels below were derived for; 0 before the first run. */
  private int levelsFor;
  /** Smallest white - black that is not SHADOW. */
  private int minDiff;
  /** Smallest frame value that is SATURATED. */
  private int satLevel;
  /** Per axis: weak bits share the Gray word (at most 15 Gray bits), and where the Gray bits start. */
  private final boolean[] packed = new boolean[2];
  private final int[] grayShift = new int[2];
  /** Without white/black: smallest doubled largest contrast of an axis that is not SHADOW. */
  private int minRange2;
  private int[] rowP = new int[0];
  private int[] rowQ = new int[0];
  /** white + black, 2 (white - black) and the weak-bit threshold ceil(minBitContrast 2 (white - black)). */
  private int[] wb = new int[0];
  private int[] range2 = new int[0];
  private int[] thr = new int[0];
  /** Saturation flags of the white/black and phase frames: bit 31 set once a value reached the level. */
  private int[] satFlags = new int[0];
  /**
   * Per axis: the Gray word (bit 31: a Gray frame saturated; Gray bits at {@link #grayShift}; with
   * {@link #packed} the weak bits in bits 0..15), the weak-bit word (unused when packed) and the smallest
   * strong contrast.
   */
  private final int[][] word = new int[2][0];
  private final int[][] weak = new int[2][0];
  private final int[][] strong = new int[2][0];
  /** Per axis without white/black: largest doubled contrast and its weak-bit threshold. */
  private final int[][] axRange2 = new int[2][0];
  private final int[][] axThr = new int[2][0];
  private final float[][] sumC = new float[2][0];
  private final float[][] sumS = new float[2][0];
  /** Per axis result: coordinate (NaN where the axis is absent), confidence (1 where absent), reason. */
  private final float[][] coord = new float[2][0];
  private final float[][] conf = new float[2][0];
  private final int[][] reason = new int[2][0];

  /** Most Gray bits an axis may have for its weak bits to share the Gray word. */
  static final int MAX_PACKED_BITS = 15;

  /**
   * @param maxPackedBits axes with at most this many Gray bits (at most {@link #MAX_PACKED_BITS}) keep
   *     their weak bits in the Gray word; tests pass 0 to run the wide path on small projectors
   */
  RowDecoder(AxisPlan[] plans, int white, int black, DecoderConfig config, int maxPackedBits) {
    this.plans = plans;
    this.white = white;
    this.black = black;
    this.hasWhiteBlack = white >= 0 && black >= 0;
    this.config = config;
    for (int a = 0; a < 2; a++) {
      packed[a] = plans[a] != null && plans[a].pattern.length <= Math.min(maxPackedBits, MAX_PACKED_BITS);
      grayShift[a] = packed[a] ? 16 : 0;
    }
  }

  private void ensure(int n) {
    if (n <= capacity) {
      return;
    }
    capacity = n;
    rowP = new int[n];
    rowQ = new int[n];
    wb = new int[n];
    range2 = new int[n];
    thr = new int[n];
    satFlags = new int[n];
    for (int a = 0; a < 2; a++) {
      word[a] = new int[n];
      weak[a] = new int[n];
      strong[a] = new int[n];
      axRange2[a] = new int[n];
      axThr[a] = new int[n];
      sumC[a] = new float[n];
      sumS[a] = new float[n];
      coord[a] = new float[n];
      conf[a] = new float[n];
      reason[a] = new int[n];
      if (plans[a] == null) {
        Arrays.fill(coord[a], Float.NaN);
        Arrays.fill(conf[a], 1f);
      }
    }
  }

  /**
   * Integer forms of the float tests {@code (w - b) / fullScale >= shadow}, {@code v / fullScale >= sat} and
   * {@code 2 c (0.5 / fullScale) >= shadow}: each float product is monotonic in the integer, so the smallest
   * passing integer, found by bisection, decides exactly as the float test does.
   */
  private void levels(int fullScale) {
    if (levelsFor == fullScale) {
      return;
    }
    float inv = 1f / fullScale;
    float halfInv = 0.5f * inv;
    float shadow = (float) config.shadowThreshold();
    float sat = (float) config.saturationLevel();
    int lo = -fullScale;
    int hi = fullScale + 1;
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (mid * inv >= shadow) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    minDiff = lo;
    lo = 0;
    hi = fullScale + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (mid * inv >= sat) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    satLevel = lo;
    lo = 0;
    hi = 2 * fullScale + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (mid * halfInv >= shadow) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    minRange2 = lo;
    levelsFor = fullScale;
  }

  /**
   * Decodes pixels x0 .. x0 + n - 1 of row y into {@code out} (already shaped to the frames); x0 + n may
   * pass the row end when frames and output maps are compact (then y is 0 and x0 a flat pixel index).
   */
  void decodeSpan(FrameRows frames, int y, int x0, int n, DecodedMaps out) {
    ensure(n);
    levels(frames.fullScale);
    int[] sf = satFlags;
    if (hasWhiteBlack) {
      frames.read(white, y, x0, n, rowP);
      frames.read(black, y, x0, n, rowQ);
      whiteBlack(rowP, rowQ, wb, range2, sf, satLevel - 1, n);
      threshold(range2, thr, config.minBitContrast(), n);
    } else {
      Arrays.fill(sf, 0, n, 0);
    }
    for (int a = 0; a < 2; a++) {
      AxisPlan p = plans[a];
      if (p != null) {
        decodeAxis(frames, y, x0, n, p, a);
      }
    }
    merge(out, y, x0, n);
  }

  /** Sums, doubled ranges and saturation flags; satMinus1 - v is negative exactly when v >= satLevel. */
  private static void whiteBlack(int[] w, int[] b, int[] wb, int[] r2, int[] sf, int satMinus1, int n) {
    for (int x = 0; x < n; x++) {
      int wv = w[x];
      int bv = b[x];
      wb[x] = wv + bv;
      r2[x] = (wv - bv) << 1;
      sf[x] = (satMinus1 - Math.max(wv, bv)) & Integer.MIN_VALUE;
    }
  }

  /** t = ceil(minBitContrast * r2): an integer contrast c is below minBitContrast * r2 exactly when c < t. */
  private static void threshold(int[] r2, int[] t, double minBitContrast, int n) {
    for (int x = 0; x < n; x++) {
      t[x] = (int) Math.ceil(minBitContrast * r2[x]);
    }
  }

  private void decodeAxis(FrameRows frames, int y, int x0, int n, AxisPlan p, int a) {
    int bits = p.pattern.length;
    int satMinus1 = satLevel - 1;
    int[] r2 = range2;
    int[] t = thr;
    if (bits > 0) {
      if (!hasWhiteBlack) {
        // every bit has an inverse here (validated); first pass for the largest contrast
        r2 = axRange2[a];
        t = axThr[a];
        Arrays.fill(r2, 0, n, 0);
        for (int k = 0; k < bits; k++) {
          frames.read(p.pattern[k], y, x0, n, rowP);
          frames.read(p.inverse[k], y, x0, n, rowQ);
          largestContrast(rowP, rowQ, r2, n);
        }
        threshold(r2, t, config.minBitContrast(), n);
      }
      int[] g = word[a];
      int[] wk = weak[a];
      int[] st = strong[a];
      boolean pk = packed[a];
      Arrays.fill(g, 0, n, 0);
      if (!pk) {
        Arrays.fill(wk, 0, n, 0);
      }
      Arrays.fill(st, 0, n, Integer.MAX_VALUE);
      for (int k = 0; k < bits; k++) {
        int weakShift = bits - 1 - k;
        int bitShift = grayShift[a] + weakShift;
        frames.read(p.pattern[k], y, x0, n, rowP);
        if (p.inverse[k] >= 0) {
          frames.read(p.inverse[k], y, x0, n, rowQ);
          if (pk) {
            pairPacked(rowP, rowQ, t, g, st, bitShift, weakShift, satMinus1, n);
          } else {
            pairWide(rowP, rowQ, t, g, wk, st, bitShift, satMinus1, n);
          }
        } else {
          meanStep(rowP, wb, t, g, pk ? g : wk, st, bitShift, weakShift, satMinus1, n);
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
      for (int s = 0; s < steps; s++) {
        frames.read(p.phase[s], y, x0, n, rowP);
        phaseStep(rowP, p.cos[s], p.sin[s], inv, sc, ss, satFlags, satMinus1, n);
      }
      finishPhase(p, a, n, r2, inv);
    } else {
      finishGray(p, a, n, r2);
    }
  }

  private static void largestContrast(int[] p, int[] q, int[] r2, int n) {
    for (int x = 0; x < n; x++) {
      r2[x] = Math.max(r2[x], Math.abs(p[x] - q[x]) << 1);
    }
  }

  /**
   * One Gray bit against its inverse, for an axis whose weak bits share the Gray word: bit (p > q) at
   * {@code bitShift}, weak flag (2 |p - q| < t) at {@code weakShift}, saturation (max(p, q) >= satLevel)
   * into bit 31; strong contrasts into the running minimum (a weak one counts as Integer.MAX_VALUE). One
   * read-modify-write of the word and one of the minimum per pixel: on AVX-512 the vector stores are what
   * this loop waits on, and it measured 2.3x faster than shifting separate Gray, weak and maximum arrays.
   */
  private static void pairPacked(int[] p, int[] q, int[] t, int[] g, int[] st, int bitShift, int weakShift,
      int satMinus1, int n) {
    for (int x = 0; x < n; x++) {
      int pv = p[x];
      int qv = q[x];
      int d = pv - qv;
      int c = Math.abs(d) << 1;
      int w = (c - t[x]) >>> 31; // |c|, |t| <= 2^18: no overflow
      g[x] |= (((-d) >>> 31) << bitShift) | (w << weakShift) | ((satMinus1 - Math.max(pv, qv)) & Integer.MIN_VALUE);
      st[x] = Math.min(st[x], c | ((-w) >>> 1));
    }
  }

  /** As {@link #pairPacked} with the weak flag in its own word (axes with more than 15 Gray bits). */
  private static void pairWide(int[] p, int[] q, int[] t, int[] g, int[] wk, int[] st, int bitShift,
      int satMinus1, int n) {
    for (int x = 0; x < n; x++) {
      int pv = p[x];
      int qv = q[x];
      int d = pv - qv;
      int c = Math.abs(d) << 1;
      int w = (c - t[x]) >>> 31;
      g[x] |= (((-d) >>> 31) << bitShift) | ((satMinus1 - Math.max(pv, qv)) & Integer.MIN_VALUE);
      wk[x] |= w << bitShift;
      st[x] = Math.min(st[x], c | ((-w) >>> 1));
    }
  }

  /**
   * One Gray bit without inverse: as {@link #pairPacked} with d = 2 p - (white + black); {@code wk} is
   * {@code g} itself when the axis is packed (then the weak flag goes to {@code weakShift}).
   */
  private static void meanStep(int[] p, int[] wb, int[] t, int[] g, int[] wk, int[] st, int bitShift,
      int weakShift, int satMinus1, int n) {
    for (int x = 0; x < n; x++) {
      int pv = p[x];
      int d = 2 * pv - wb[x];
      int c = Math.abs(d) << 1;
      int w = (c - t[x]) >>> 31;
      g[x] |= (((-d) >>> 31) << bitShift) | ((satMinus1 - pv) & Integer.MIN_VALUE);
      wk[x] |= w << weakShift;
      st[x] = Math.min(st[x], c | ((-w) >>> 1));
    }
  }

  private static void phaseStep(int[] p, float cs, float sn, float inv, float[] sc, float[] ss, int[] sf,
      int satMinus1, int n) {
    for (int x = 0; x < n; x++) {
      int pv = p[x];
      float iv = pv * inv;
      sc[x] += iv * cs;
      ss[x] += iv * sn;
      sf[x] |= (satMinus1 - pv) & Integer.MIN_VALUE;
    }
  }

  /** Binary index of a Gray word. */
  private static int grayToBinary(int g) {
    g ^= g >>> 1;
    g ^= g >>> 2;
    g ^= g >>> 4;
    g ^= g >>> 8;
    return g ^ (g >>> 16);
  }

  /** 1 when v == 0, else 0. */
  private static int isZero(int v) {
    return ((v | -v) >>> 31) ^ 1;
  }

  /**
   * 1 when the weak bits make the cell LOW_CONTRAST: any weak bit other than a lone bit that flips to a
   * neighbouring cell (the lowest set bit of cell + 1 or of cell), and any weak bit when the axis has only
   * one ({@code notOneBit} = 0). For cell 0 the lowest set bit of cell is 0, which matches no weak bit.
   */
  private static int lowContrast(int cell, int weakBits, int notOneBit) {
    int up = cell + 1;
    int edge = isZero(weakBits ^ (up & -up)) | isZero(weakBits ^ (cell & -cell));
    return (isZero(weakBits) | (notOneBit & edge)) ^ 1;
  }

  /** Final pass of an axis without phase: branch-free over the run. */
  private void finishGray(AxisPlan p, int a, int n, int[] r2) {
    int[] g = word[a];
    int[] wk = weak[a];
    int[] st = strong[a];
    float[] cd = coord[a];
    float[] cf = conf[a];
    int[] rs = reason[a];
    int notOneBit = p.pattern.length == 1 ? 0 : 1;
    int lowBit = p.lowBit;
    int lastStart = p.extent - 1;
    // float sums of cell start and half cell are exact below 2^23; wider axes are redone in double below
    float half = ((1 << lowBit) - 1) * 0.5f;
    // without white/black the axis' own largest contrast is tested against the shadow threshold
    int minR2 = hasWhiteBlack ? Integer.MIN_VALUE / 2 : minRange2;
    // packed: weak bits are the word's low 16 bits; else the weak word (g's bit 31 is the saturation flag)
    int gs = grayShift[a];
    int[] wkw = packed[a] ? g : wk;
    int weakMask = packed[a] ? 0xFFFF : -1;
    int[] cellStart = rowQ; // free once the Gray pairs are read
    for (int x = 0; x < n; x++) {
      int cell = grayToBinary((g[x] & Integer.MAX_VALUE) >>> gs);
      int lc = lowContrast(cell, wkw[x] & weakMask, notOneBit);
      int start = cell << lowBit;
      int oor = (lastStart - start) >>> 31;
      int sh = (r2[x] - minR2) >>> 31;
      rs[x] = sh + (1 - sh) * (3 * lc + (1 - lc) * 6 * oor);
      cellStart[x] = start;
    }
    for (int x = 0; x < n; x++) {
      cd[x] = cellStart[x] + half;
      cf[x] = Math.min(1f, (float) st[x] / (float) r2[x]);
    }
    if (p.extent > 1 << 22) {
      double halfD = ((1 << lowBit) - 1) * 0.5;
      for (int x = 0; x < n; x++) {
        cd[x] = (float) (cellStart[x] + halfD);
      }
    }
  }

  /** Final pass of an axis with phase frames, per pixel. */
  private void finishPhase(AxisPlan p, int a, int n, int[] r2, float inv) {
    int bits = p.pattern.length;
    int steps = p.phase.length;
    int[] g = word[a];
    int[] wk = weak[a];
    int[] st = strong[a];
    float[] sc = sumC[a];
    float[] ss = sumS[a];
    float[] cd = coord[a];
    float[] cf = conf[a];
    int[] rs = reason[a];
    int notOneBit = bits == 1 ? 0 : 1;
    float halfInv = 0.5f * inv;
    float shadow = (float) config.shadowThreshold();
    double period = p.period;
    double toPx = period / (2 * Math.PI);
    double half = ((1 << p.lowBit) - 1) * 0.5;
    int gs = grayShift[a];
    int[] wkw = packed[a] ? g : wk;
    int weakMask = packed[a] ? 0xFFFF : -1;
    for (int x = 0; x < n; x++) {
      float c = sc[x];
      float s = ss[x];
      float amp = (2f / steps) * (float) Math.sqrt(c * c + s * s);
      float range;
      if (hasWhiteBlack) {
        range = (r2[x] >> 1) * inv;
      } else {
        range = bits > 0 ? r2[x] * halfInv : 2f * amp;
        if (!(range >= shadow)) {
          rs[x] = Rejection.SHADOW.code();
          continue;
        }
      }
      int cell = 0;
      float cv = 1f;
      if (bits > 0) {
        cell = grayToBinary((g[x] & Integer.MAX_VALUE) >>> gs);
        if (lowContrast(cell, wkw[x] & weakMask, notOneBit) != 0) {
          rs[x] = Rejection.LOW_CONTRAST.code();
          continue;
        }
        cv = (float) st[x] / (float) r2[x];
      }
      if (amp < config.minModulation() * range) {
        rs[x] = Rejection.LOW_MODULATION.code();
        continue;
      }
      cv = Math.min(cv, 2f * amp / range);
      double f = FastAtan.atan2(-s, c) * toPx;
      if (f < 0) {
        f += period;
      }
      double v;
      if (p.unwrap) {
        double centre = ((long) cell << p.lowBit) + half;
        v = Math.rint((centre - f) / period) * period + f;
        if (Math.abs(v - centre) > p.mismatchTol) {
          rs[x] = Rejection.PHASE_MISMATCH.code();
          continue;
        }
      } else {
        v = f > p.extent - 0.5 + 0.5 * (period - p.extent) ? f - period : f;
      }
      if (v < -0.5 || v > p.extent - 0.5) {
        rs[x] = Rejection.OUT_OF_RANGE.code();
        continue;
      }
      rs[x] = 0;
      cd[x] = (float) v;
      cf[x] = Math.min(1f, cv);
    }
  }

  /** Shadow and saturation, then the first axis reason; writes the output run. */
  private void merge(DecodedMaps out, int y, int x0, int n) {
    float[] uData = out.projU.data;
    float[] vData = out.projV.data;
    float[] cData = out.confidence.data;
    byte[] mData = out.mask.data;
    byte[] rData = out.reason.data;
    int iu = out.projU.indexOf(0, y) + x0;
    int iv = out.projV.indexOf(0, y) + x0;
    int ic = out.confidence.indexOf(0, y) + x0;
    int im = out.mask.indexOf(0, y) + x0;
    int ir = out.reason.indexOf(0, y) + x0;
    int[] r2 = range2;
    int[] sf = satFlags;
    int[] gx = word[0];
    int[] gy = word[1];
    int[] rx = reason[0];
    int[] ry = reason[1];
    float[] cx = coord[0];
    float[] cy = coord[1];
    float[] fx = conf[0];
    float[] fy = conf[1];
    int dMin = hasWhiteBlack ? minDiff : Integer.MIN_VALUE / 2;
    if (!hasWhiteBlack) {
      Arrays.fill(r2, 0, n, 0);
    }
    int[] rs = rowP;
    int rejected = 0;
    for (int x = 0; x < n; x++) {
      int shadow = ((r2[x] >> 1) - dMin) >>> 31;
      int sat = (sf[x] | gx[x] | gy[x]) >>> 31;
      int r = shadow + (1 - shadow) * 2 * sat;
      r += isZero(r) * rx[x];
      r += isZero(r) * ry[x];
      rs[x] = r;
      rejected |= r;
    }
    // separate narrowing loops: C2 vectorises each, but not one loop storing two byte arrays from ints
    for (int x = 0; x < n; x++) {
      rData[ir + x] = (byte) rs[x];
    }
    for (int x = 0; x < n; x++) {
      mData[im + x] = (byte) (rData[ir + x] == 0 ? 1 : 0);
    }
    for (int x = 0; x < n; x++) {
      uData[iu + x] = cx[x];
      vData[iv + x] = cy[x];
      cData[ic + x] = Math.max(0f, Math.min(fx[x], fy[x]));
    }
    if (rejected != 0) {
      // rejected pixels come in patches (shadow, outside the projector), so this branch predicts well
      for (int x = 0; x < n; x++) {
        if (rs[x] != 0) {
          uData[iu + x] = Float.NaN;
          vData[iv + x] = Float.NaN;
          cData[ic + x] = 0f;
        }
      }
    }
  }
}
