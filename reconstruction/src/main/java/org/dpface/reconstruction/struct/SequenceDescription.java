package org.dpface.reconstruction.struct;

import java.util.List;
import java.util.Objects;

/**
 * Which frame of a structured-light sequence means what, for a projector of {@code projectorWidth} x
 * {@code projectorHeight} pixels. Persisted as JSON with {@code format} {@value #FORMAT} and
 * {@code version} {@value #VERSION} (see {@code codec.SequenceFiles}).
 *
 * <p>Validated on construction; an invalid description throws {@link IllegalArgumentException} whose
 * message starts with the JSON path of the offending frame ({@code $.frames[3]}) or {@code $.frames}.
 * Rules, per axis:
 * <ul>
 *   <li>Gray bits present form a contiguous range from {@code grayBitsFor(extent) - 1} down to some
 *       lowest bit L; each bit exactly one {@code gray} frame and at most one {@code grayInverse} frame;
 *       a bit without inverse is decided against (white + black) / 2, so then white and black are required.
 *   <li>Phase frames share steps N (>= 3) and period P; steps 0..N-1 appear once each with shifts
 *       {@code shift0 + 2 pi i / N} (mod 2 pi, 1e-6 rad).
 *   <li>When P is shorter than the axis extent the Gray code unwraps the phase, which needs
 *       {@code 4 * 2^L <= P} (decoded stripe index off by one cell still rounds to the right period).
 *   <li>At least one axis is encoded; at most one white and one black frame.
 * </ul>
 */
public record SequenceDescription(int projectorWidth, int projectorHeight, List<FrameRole> frames) {
  /** Value of the {@code format} field of sequence files. */
  public static final String FORMAT = "dpface-sl-sequence";
  /** Current (and only) version of sequence files. */
  public static final int VERSION = 1;
  /** Tolerance on the spacing of phase shifts, radians. */
  public static final double SHIFT_TOL = 1e-6;

  public SequenceDescription {
    if (projectorWidth < 1 || projectorHeight < 1 || projectorWidth > (1 << 30) || projectorHeight > (1 << 30)) {
      throw new IllegalArgumentException(
          "$.projector: size must be in [1, 2^30], got " + projectorWidth + "x" + projectorHeight);
    }
    frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
    validate(projectorWidth, projectorHeight, frames);
  }

  /** Number of Gray bits that address every pixel of an axis with {@code extent} pixels: ceil(log2(extent)). */
  public static int grayBitsFor(int extent) {
    if (extent < 1) {
      throw new IllegalArgumentException("extent must be >= 1, got " + extent);
    }
    return 32 - Integer.numberOfLeadingZeros(extent - 1);
  }

  /** Number of projector pixels along {@code axis}. */
  public int extent(Axis axis) {
    return axis.extent(projectorWidth, projectorHeight);
  }

  /** Number of frames. */
  public int size() {
    return frames.size();
  }

  /** Index of the first frame of {@code kind} (any axis) or -1. */
  public int indexOf(FrameKind kind) {
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).kind() == kind) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the frame with exactly this role, or -1. */
  public int indexOf(FrameRole role) {
    return frames.indexOf(role);
  }

  /** True when any Gray or phase frame encodes {@code axis}. */
  public boolean encodes(Axis axis) {
    for (FrameRole r : frames) {
      if (r.axis() == axis) {
        return true;
      }
    }
    return false;
  }

  private static String at(int i) {
    return "$.frames[" + i + "]";
  }

  private static void validate(int w, int h, List<FrameRole> frames) {
    int white = -1;
    int black = -1;
    for (int i = 0; i < frames.size(); i++) {
      FrameRole r = Objects.requireNonNull(frames.get(i), "frame");
      if (r.kind() == FrameKind.WHITE) {
        if (white >= 0) {
          throw new IllegalArgumentException(at(i) + ": second white frame (first is " + at(white) + ")");
        }
        white = i;
      } else if (r.kind() == FrameKind.BLACK) {
        if (black >= 0) {
          throw new IllegalArgumentException(at(i) + ": second black frame (first is " + at(black) + ")");
        }
        black = i;
      }
    }
    boolean any = false;
    for (Axis axis : Axis.values()) {
      any |= validateAxis(axis, axis.extent(w, h), frames, white >= 0 && black >= 0);
    }
    if (!any) {
      throw new IllegalArgumentException("$.frames: no Gray or phase frame; nothing to decode");
    }
  }

  /** Checks one axis; returns whether it is encoded at all. */
  private static boolean validateAxis(Axis axis, int extent, List<FrameRole> frames, boolean hasWhiteBlack) {
    int bits = grayBitsFor(extent);
    int[] pattern = new int[31];
    int[] inverse = new int[31];
    java.util.Arrays.fill(pattern, -1);
    java.util.Arrays.fill(inverse, -1);
    int steps = 0;
    double period = 0;
    int[] stepAt = null;
    int firstPhase = -1;
    String name = "axis " + axis.jsonName();
    for (int i = 0; i < frames.size(); i++) {
      FrameRole r = frames.get(i);
      if (r.axis() != axis) {
        continue;
      }
      switch (r.kind()) {
        case GRAY, GRAY_INVERSE -> {
          if (r.bit() >= bits) {
            throw new IllegalArgumentException(at(i) + ": Gray bit " + r.bit() + " of " + name + " is outside [0, "
                + bits + ") for " + extent + " projector pixels");
          }
          int[] slot = r.kind() == FrameKind.GRAY ? pattern : inverse;
          if (slot[r.bit()] >= 0) {
            throw new IllegalArgumentException(at(i) + ": duplicate " + r.kind().jsonName() + " bit " + r.bit()
                + " of " + name + " (also " + at(slot[r.bit()]) + ")");
          }
          slot[r.bit()] = i;
        }
        case PHASE -> {
          if (firstPhase < 0) {
            firstPhase = i;
            steps = r.steps();
            period = r.periodPx();
            stepAt = new int[steps];
            java.util.Arrays.fill(stepAt, -1);
          } else if (r.steps() != steps || r.periodPx() != period) {
            throw new IllegalArgumentException(at(i) + ": phase steps/period " + r.steps() + "/" + r.periodPx()
                + " of " + name + " differ from " + steps + "/" + period + " at " + at(firstPhase));
          }
          if (stepAt[r.step()] >= 0) {
            throw new IllegalArgumentException(at(i) + ": duplicate phase step " + r.step() + " of " + name);
          }
          stepAt[r.step()] = i;
        }
        default -> throw new AssertionError(r.kind());
      }
    }
    int lowest = -1;
    for (int b = bits - 1; b >= 0; b--) {
      if (pattern[b] < 0) {
        if (inverse[b] >= 0) {
          throw new IllegalArgumentException(at(inverse[b]) + ": grayInverse bit " + b + " of " + name
              + " has no gray frame");
        }
        continue;
      }
      for (int above = bits - 1; above > b; above--) {
        if (pattern[above] < 0) {
          throw new IllegalArgumentException("$.frames: Gray bits of " + name + " must run contiguously from "
              + (bits - 1) + " down; bit " + above + " is missing");
        }
      }
      if (inverse[b] < 0 && !hasWhiteBlack) {
        throw new IllegalArgumentException(at(pattern[b]) + ": Gray bit " + b + " of " + name
            + " has no inverse, which needs white and black frames to threshold against");
      }
      lowest = b;
    }
    if (firstPhase >= 0) {
      for (int s = 0; s < steps; s++) {
        if (stepAt[s] < 0) {
          throw new IllegalArgumentException("$.frames: phase step " + s + " of " + steps + " of " + name + " is missing");
        }
      }
      double shift0 = frames.get(stepAt[0]).shiftRad();
      for (int s = 1; s < steps; s++) {
        double d = frames.get(stepAt[s]).shiftRad() - shift0 - 2 * Math.PI * s / steps;
        d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
        if (Math.abs(d) > SHIFT_TOL) {
          throw new IllegalArgumentException(at(stepAt[s]) + ": phase shift of step " + s + " of " + name
              + " must be shift0 + 2 pi * " + s + " / " + steps + " (mod 2 pi)");
        }
      }
      if (period < extent) {
        if (lowest < 0) {
          throw new IllegalArgumentException(at(firstPhase) + ": phase period " + period + " px of " + name
              + " is shorter than the " + extent + " px extent and no Gray code unwraps it");
        }
        if (4.0 * (1 << lowest) > period) {
          throw new IllegalArgumentException(at(firstPhase) + ": phase period " + period + " px of " + name
              + " needs Gray bits down to a bit L with 4 * 2^L <= period; lowest bit is " + lowest);
        }
      }
    }
    return lowest >= 0 || firstPhase >= 0;
  }
}
