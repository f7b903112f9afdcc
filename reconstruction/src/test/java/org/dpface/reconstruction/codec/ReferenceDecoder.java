package org.dpface.reconstruction.codec;

import java.util.List;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.Rejection;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Test-only reference for {@link PatternDecoder}: the algorithm of {@link RowDecoder}'s overview written
 * one pixel at a time, straight from the frame values, with no row buffers, packing or precomputed integer
 * thresholds. Slow on purpose; the optimised decoder must reproduce its output bit for bit. Float
 * arithmetic follows the documented order (phase sums in step order, ranges as int times 1 / full scale).
 */
final class ReferenceDecoder {
  private final AxisPlan[] plans;
  private final int white;
  private final int black;
  private final DecoderConfig config;

  ReferenceDecoder(SequenceDescription seq, DecoderConfig config) {
    this.plans = new AxisPlan[] {AxisPlan.of(seq, Axis.X), AxisPlan.of(seq, Axis.Y)};
    this.white = seq.indexOf(FrameKind.WHITE);
    this.black = seq.indexOf(FrameKind.BLACK);
    this.config = config;
  }

  /** Decodes {@code frames} into {@code out} (reshaped), thresholds relative to the nominal full scale. */
  void decode(List<? extends ImageBase> frames, DecodedMaps out) {
    decode(frames, 0, out);
  }

  /** Decodes {@code frames} whose full scale is {@code fullScale} (0: the sample type's nominal one). */
  void decode(List<? extends ImageBase> frames, int fullScale, DecodedMaps out) {
    FrameRows f = FrameRows.of(frames, fullScale);
    out.reshape(f.width, f.height);
    for (int y = 0; y < f.height; y++) {
      for (int x = 0; x < f.width; x++) {
        decodePixel(f, x, y, out);
      }
    }
  }

  private void decodePixel(FrameRows f, int x, int y, DecodedMaps out) {
    float inv = 1f / f.fullScale;
    float shadow = (float) config.shadowThreshold();
    boolean wb = white >= 0 && black >= 0;
    Rejection reject = Rejection.NONE;
    int w = wb ? f.value(white, x, y) : 0;
    int b = wb ? f.value(black, x, y) : 0;
    if (wb && !((w - b) * inv >= shadow)) {
      reject = Rejection.SHADOW;
    }
    int max = 0;
    for (int i = 0; i < f.count; i++) {
      max = Math.max(max, f.value(i, x, y));
    }
    if (reject == Rejection.NONE && max * inv >= (float) config.saturationLevel()) {
      reject = Rejection.SATURATED;
    }
    float conf = 1f;
    float[] coord = {Float.NaN, Float.NaN};
    for (int a = 0; a < 2 && reject == Rejection.NONE; a++) {
      AxisPlan p = plans[a];
      if (p == null) {
        continue;
      }
      Object r = axis(f, p, x, y, wb, w, b, inv, shadow);
      if (r instanceof Rejection rej) {
        reject = rej;
      } else {
        double[] cc = (double[]) r;
        coord[a] = (float) cc[0];
        conf = Math.min(conf, (float) cc[1]);
      }
    }
    boolean ok = reject == Rejection.NONE;
    out.projU.set(x, y, ok ? coord[0] : Float.NaN);
    out.projV.set(x, y, ok ? coord[1] : Float.NaN);
    out.confidence.set(x, y, ok ? Math.max(0f, conf) : 0f);
    out.mask.set(x, y, ok ? 1 : 0);
    out.reason.set(x, y, reject.code());
  }

  /** A Rejection, or {coordinate, confidence}. */
  private Object axis(FrameRows f, AxisPlan p, int x, int y, boolean wb, int w, int b, float inv, float shadow) {
    int n = p.pattern.length;
    int gray = 0;
    int[] contrast = new int[n];
    int maxContrast = 0;
    for (int k = 0; k < n; k++) {
      int pv = f.value(p.pattern[k], x, y);
      int qv = p.inverse[k] >= 0 ? f.value(p.inverse[k], x, y) : w + b - pv;
      gray = (gray << 1) | (pv > qv ? 1 : 0);
      contrast[k] = 2 * Math.abs(pv - qv);
      maxContrast = Math.max(maxContrast, contrast[k]);
    }
    int cell = 0;
    for (int k = 0; k < n; k++) {
      int g = (gray >>> (n - 1 - k)) & 1;
      int prev = k == 0 ? 0 : (cell & 1);
      cell = (cell << 1) | (g ^ prev);
    }
    int steps = p.phase.length;
    float sc = 0;
    float ss = 0;
    for (int s = 0; s < steps; s++) {
      float iv = f.value(p.phase[s], x, y) * inv;
      sc += iv * p.cos[s];
      ss += iv * p.sin[s];
    }
    float amp = steps > 0 ? (2f / steps) * (float) Math.sqrt(sc * sc + ss * ss) : 0f;
    int range2;
    float range;
    if (wb) {
      range2 = 2 * (w - b);
      range = (w - b) * inv;
    } else {
      range2 = maxContrast;
      range = n > 0 ? maxContrast * (0.5f * inv) : 2f * amp;
      if (!(range >= shadow)) {
        return Rejection.SHADOW;
      }
    }
    float conf = 1f;
    if (n > 0) {
      double thr = config.minBitContrast() * range2;
      int weakCount = 0;
      int weakBit = -1;
      int decisive = Integer.MAX_VALUE;
      for (int k = 0; k < n; k++) {
        if (contrast[k] < thr) {
          weakCount++;
          weakBit = n - 1 - k;
        } else {
          decisive = Math.min(decisive, contrast[k]);
        }
      }
      if (weakCount > 1 || (weakCount == 1 && n == 1)) {
        return Rejection.LOW_CONTRAST;
      }
      if (weakCount == 1) {
        // the one weak bit must be the bit that flips between this cell and a neighbour
        boolean up = weakBit == Integer.numberOfTrailingZeros(cell + 1);
        boolean down = cell > 0 && weakBit == Integer.numberOfTrailingZeros(cell);
        if (!up && !down) {
          return Rejection.LOW_CONTRAST;
        }
      }
      conf = (float) ((double) decisive / range2);
    }
    double cellCentre = ((long) cell << p.lowBit) + ((1 << p.lowBit) - 1) * 0.5;
    double c;
    if (steps > 0) {
      if (amp < config.minModulation() * range) {
        return Rejection.LOW_MODULATION;
      }
      conf = Math.min(conf, 2f * amp / range);
      double period = p.period;
      double phi = FastAtan.atan2(-ss, sc) * (period / (2 * Math.PI));
      if (phi < 0) {
        phi += period;
      }
      if (p.unwrap) {
        c = Math.rint((cellCentre - phi) / period) * period + phi;
        if (Math.abs(c - cellCentre) > p.mismatchTol) {
          return Rejection.PHASE_MISMATCH;
        }
      } else {
        c = phi > p.extent - 0.5 + 0.5 * (period - p.extent) ? phi - period : phi;
      }
      if (c < -0.5 || c > p.extent - 0.5) {
        return Rejection.OUT_OF_RANGE;
      }
    } else {
      if (((long) cell << p.lowBit) >= p.extent) {
        return Rejection.OUT_OF_RANGE;
      }
      c = cellCentre;
    }
    return new double[] {c, Math.min(1f, conf)};
  }
}
