package org.dpface.reconstruction.codec;

import java.util.Arrays;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Frame indices and constants the decoder needs for one axis, derived once from a validated
 * {@link SequenceDescription}.
 */
final class AxisPlan {
  final Axis axis;
  final int extent;
  /** Gray frames used, from the top bit down to {@link #lowBit}; empty when the axis needs no Gray code. */
  final int[] pattern;
  /** Inverse frame per entry of {@link #pattern}, or -1 (then decided against (white + black) / 2). */
  final int[] inverse;
  /** Lowest Gray bit used; the decoded cell index is coordinate >> lowBit. */
  final int lowBit;
  /** Phase frames by step; empty without phase. */
  final int[] phase;
  final float[] cos;
  final float[] sin;
  final double period;
  /** True when the phase has several periods across the axis and is unwrapped by the Gray code. */
  final boolean unwrap;
  /** Largest |phase coordinate - Gray cell centre| accepted, px (one cell off plus half a pixel). */
  final double mismatchTol;

  private AxisPlan(Axis axis, int extent, int[] pattern, int[] inverse, int lowBit, int[] phase, double period,
      double shift0) {
    this.axis = axis;
    this.extent = extent;
    this.pattern = pattern;
    this.inverse = inverse;
    this.lowBit = lowBit;
    this.phase = phase;
    this.period = period;
    this.unwrap = phase.length > 0 && period < extent;
    this.cos = new float[phase.length];
    this.sin = new float[phase.length];
    for (int s = 0; s < phase.length; s++) {
      double d = shift0 + 2 * Math.PI * s / phase.length;
      cos[s] = (float) Math.cos(d);
      sin[s] = (float) Math.sin(d);
    }
    this.mismatchTol = 1.5 * (1 << lowBit) + 0.5;
  }

  boolean hasGray() {
    return pattern.length > 0;
  }

  boolean hasPhase() {
    return phase.length > 0;
  }

  /** The plan for {@code axis}, or null when the sequence does not encode it. */
  static AxisPlan of(SequenceDescription seq, Axis axis) {
    if (!seq.encodes(axis)) {
      return null;
    }
    int extent = seq.extent(axis);
    int bits = SequenceDescription.grayBitsFor(extent);
    int[] pat = new int[bits];
    int[] inv = new int[bits];
    Arrays.fill(pat, -1);
    Arrays.fill(inv, -1);
    int steps = 0;
    double period = 0;
    int[] phase = new int[0];
    double shift0 = 0;
    for (int i = 0; i < seq.size(); i++) {
      FrameRole r = seq.frames().get(i);
      if (r.axis() != axis) {
        continue;
      }
      switch (r.kind()) {
        case GRAY -> pat[r.bit()] = i;
        case GRAY_INVERSE -> inv[r.bit()] = i;
        case PHASE -> {
          if (steps == 0) {
            steps = r.steps();
            period = r.periodPx();
            phase = new int[steps];
          }
          phase[r.step()] = i;
          if (r.step() == 0) {
            shift0 = r.shiftRad();
          }
        }
        default -> throw new AssertionError(r.kind());
      }
    }
    int lowest = bits;
    while (lowest > 0 && pat[lowest - 1] >= 0) {
      lowest--;
    }
    int low = lowest;
    if (steps > 0) {
      if (period >= extent) {
        low = bits; // single period: the phase alone is absolute
      } else {
        // coarsest cell that still unwraps safely: 4 * 2^low <= period (validated to exist)
        int maxLow = 31 - Integer.numberOfLeadingZeros((int) Math.floor(period / 4));
        low = Math.max(lowest, Math.min(maxLow, bits - 1));
      }
    }
    int n = bits - low;
    int[] usedPat = new int[n];
    int[] usedInv = new int[n];
    for (int k = 0; k < n; k++) {
      usedPat[k] = pat[bits - 1 - k];
      usedInv[k] = inv[bits - 1 - k];
    }
    return new AxisPlan(axis, extent, usedPat, usedInv, n == 0 ? 0 : low, phase, period, shift0);
  }
}
