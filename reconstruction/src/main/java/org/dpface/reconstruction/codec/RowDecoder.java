package org.dpface.reconstruction.codec;

import java.util.List;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.Rejection;

/**
 * Decodes whole camera rows; one instance per worker thread, owning its row buffers (no per-pixel or per-row
 * allocation). Each output pixel depends only on the input pixels at the same position, so results do not
 * depend on how rows are shared out.
 *
 * <p>Algorithm overview, per pixel:
 * <ol>
 *   <li>SHADOW if white - black is below the threshold; SATURATED if any frame reaches the saturation level.
 *   <li>Gray bits from the most significant down: bit = pattern > inverse (or > (white + black) / 2 without
 *       an inverse), accumulated into a binary cell index. Across a stripe edge exactly one Gray bit changes,
 *       so that bit may legitimately be ambiguous in a blurred image: the weakest bit is excused when it is
 *       the bit that flips between the decoded cell and a neighbour; any other bit below the minimum
 *       contrast makes the pixel LOW_CONTRAST.
 *   <li>Phase: N-step least squares, phi = atan2(-sum I_i sin d_i, sum I_i cos d_i), amplitude
 *       2/N |sum I_i e^{i d_i}| (Malacara, Optical Shop Testing, 3rd ed., ch. 14). Unwrapping: the period
 *       index k = round((cell centre - phase coordinate) / P), which is right even when the Gray cell is one
 *       off, since the cells are at most P/4 wide; the unwrapped coordinate must lie within 1.5 cells of
 *       the Gray cell centre, else PHASE_MISMATCH.
 * </ol>
 */
final class RowDecoder {
  /** Columns read and decoded together, so the frame buffers of one tile stay in the L1 cache. */
  static final int TILE = 128;

  private final AxisPlan[] plans;
  private final int white;
  private final int black;
  private final DecoderConfig config;
  /** Frame values of the current tile: frame f, tile column x at {@code buf[f * TILE + x]}. */
  private final float[] buf;
  private final int frameCount;
  private final float[] max;
  /** Per-axis result of {@link #decodeAxis}: coordinate, confidence, reject code. */
  private double outCoord;
  private float outConf;
  private Rejection outReject;

  RowDecoder(AxisPlan[] plans, int white, int black, int frameCount, DecoderConfig config) {
    this.plans = plans;
    this.white = white;
    this.black = black;
    this.config = config;
    this.buf = new float[frameCount * TILE];
    this.frameCount = frameCount;
    this.max = new float[TILE];
  }

  /** Decodes row y of {@code frames} into {@code out} (already shaped). */
  void decodeRow(List<? extends ImageBase> frames, int y, DecodedMaps out) {
    int width = out.width();
    for (int x0 = 0; x0 < width; x0 += TILE) {
      int n = Math.min(TILE, width - x0);
      java.util.Arrays.fill(max, 0, n, 0f);
      for (int f = 0; f < frameCount; f++) {
        FrameRows.read(frames.get(f), x0, y, n, buf, f * TILE, max);
      }
      decodeTile(x0, y, n, out);
    }
  }

  /** Decodes the n pixels from column x0 of row y, whose frame values are in {@link #buf}. */
  private void decodeTile(int x0, int y, int n, DecodedMaps out) {
    float[] mx = max;
    float[] uData = out.projU.data;
    float[] vData = out.projV.data;
    float[] cData = out.confidence.data;
    byte[] mData = out.mask.data;
    byte[] rData = out.reason.data;
    int iu = out.projU.indexOf(x0, y);
    int iv = out.projV.indexOf(x0, y);
    int ic = out.confidence.indexOf(x0, y);
    int im = out.mask.indexOf(x0, y);
    int ir = out.reason.indexOf(x0, y);
    float[] b = buf;
    int wOff = white * TILE;
    int bOff = black * TILE;
    boolean hasWhiteBlack = white >= 0 && black >= 0;
    float shadow = (float) config.shadowThreshold();
    float sat = (float) config.saturationLevel();
    for (int x = 0; x < n; x++) {
      Rejection reject = Rejection.NONE;
      float range = Float.NaN;
      float mid = Float.NaN;
      if (hasWhiteBlack) {
        range = b[wOff + x] - b[bOff + x];
        mid = 0.5f * (b[wOff + x] + b[bOff + x]);
        if (!(range >= shadow)) {
          reject = Rejection.SHADOW;
        }
      }
      if (reject == Rejection.NONE && mx[x] >= sat) {
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
        decodeAxis(p, x, range, mid, shadow);
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

  /** Decodes one axis at column x; sets outCoord, outConf, outReject. */
  private void decodeAxis(AxisPlan p, int x, float range, float mid, float shadow) {
    outReject = Rejection.NONE;
    int n = p.pattern.length;
    int cell = 0;
    float min1 = Float.POSITIVE_INFINITY;
    float min2 = Float.POSITIVE_INFINITY;
    int weakest = -1;
    float maxC = 0;
    int bin = 0;
    float[] b = buf;
    int[] patOff = p.patternOffset;
    int[] invOff = p.inverseOffset;
    for (int k = 0; k < n; k++) {
      float pv = b[patOff[k] + x];
      int inv = invOff[k];
      float d = inv >= 0 ? pv - b[inv + x] : 2f * (pv - mid);
      bin ^= d > 0 ? 1 : 0;
      cell = (cell << 1) | bin;
      float c = Math.abs(d);
      if (c < min1) {
        min2 = min1;
        min1 = c;
        weakest = k;
      } else if (c < min2) {
        min2 = c;
      }
      maxC = Math.max(maxC, c);
    }
    float sumC = 0;
    float sumS = 0;
    int[] phOff = p.phaseOffset;
    float[] cs = p.cos;
    float[] sn = p.sin;
    int steps = phOff.length;
    for (int s = 0; s < steps; s++) {
      float iv = b[phOff[s] + x];
      sumC += iv * cs[s];
      sumS += iv * sn[s];
    }
    float amp = steps > 0 ? (2f / steps) * (float) Math.sqrt(sumC * sumC + sumS * sumS) : 0f;
    if (Float.isNaN(range)) {
      range = n > 0 ? maxC : 2f * amp;
      if (!(range >= shadow)) {
        outReject = Rejection.SHADOW;
        return;
      }
    }
    float conf = 1f;
    if (n > 0) {
      float thr = (float) config.minBitContrast() * range;
      float decisive = min1;
      if (min1 < thr) {
        // weakest bit excused only if it is the bit that flips between this cell and a neighbour
        int rel = n - 1 - weakest;
        boolean edgeBit = rel == Integer.numberOfTrailingZeros(cell + 1)
            || (cell > 0 && rel == Integer.numberOfTrailingZeros(cell));
        if (!edgeBit || (n > 1 && min2 < thr) || n == 1) {
          outReject = Rejection.LOW_CONTRAST;
          return;
        }
        decisive = n > 1 ? min2 : min1;
      }
      conf = decisive / range;
    }
    if (steps > 0) {
      if (amp < config.minModulation() * range) {
        outReject = Rejection.LOW_MODULATION;
        return;
      }
      conf = Math.min(conf, 2f * amp / range);
      double period = p.period;
      double f = FastAtan.atan2(-sumS, sumC) * (period / (2 * Math.PI));
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
