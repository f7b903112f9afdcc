package org.dpface.reconstruction.codec;

import java.util.ArrayList;
import java.util.List;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Renders the projector images of a {@link SequenceDescription} at the projector's resolution, as 8- or
 * 16-bit gray images (full scale 255 or 65535). Intensities follow {@link FrameRole}'s conventions and are
 * rounded to the nearest level. One generic path: each row is computed as floats in [0, 1], then quantised.
 */
public final class PatternGenerator {
  private final SequenceDescription sequence;
  private final float[] row;

  public PatternGenerator(SequenceDescription sequence) {
    this.sequence = sequence;
    this.row = new float[sequence.projectorWidth()];
  }

  /** Relative intensity in [0, 1] of frame {@code role} at projector pixel (u, v). */
  public static double intensity(FrameRole role, int u, int v) {
    return switch (role.kind()) {
      case WHITE -> 1;
      case BLACK -> 0;
      case GRAY -> grayBit(role.axis() == Axis.X ? u : v, role.bit());
      case GRAY_INVERSE -> 1 - grayBit(role.axis() == Axis.X ? u : v, role.bit());
      case PHASE -> 0.5 + 0.5 * Math.cos(2 * Math.PI * (role.axis() == Axis.X ? u : v) / role.periodPx()
          + role.shiftRad());
    };
  }

  private static int grayBit(int c, int bit) {
    return ((c ^ (c >> 1)) >>> bit) & 1;
  }

  /** Fills {@code out} (reshaped to the projector size) with frame {@code frame}. */
  public void render(int frame, GrayU8 out) {
    out.reshape(sequence.projectorWidth(), sequence.projectorHeight());
    for (int v = 0; v < out.height(); v++) {
      fillRow(frame, v);
      int i = out.indexOf(0, v);
      for (int u = 0; u < row.length; u++) {
        out.data[i + u] = (byte) Math.round(row[u] * 255f);
      }
    }
  }

  /** Fills {@code out} (reshaped to the projector size) with frame {@code frame}. */
  public void render(int frame, GrayU16 out) {
    out.reshape(sequence.projectorWidth(), sequence.projectorHeight());
    for (int v = 0; v < out.height(); v++) {
      fillRow(frame, v);
      int i = out.indexOf(0, v);
      for (int u = 0; u < row.length; u++) {
        out.data[i + u] = (short) Math.round(row[u] * 65535f);
      }
    }
  }

  /** Allocating convenience: every frame as a new 8-bit image. */
  public List<GrayU8> renderAllU8() {
    List<GrayU8> out = new ArrayList<>(sequence.size());
    for (int f = 0; f < sequence.size(); f++) {
      GrayU8 img = new GrayU8(1, 1);
      render(f, img);
      out.add(img);
    }
    return out;
  }

  private void fillRow(int frame, int v) {
    FrameRole role = sequence.frames().get(frame);
    if (role.axis() == Axis.X) {
      for (int u = 0; u < row.length; u++) {
        row[u] = (float) intensity(role, u, v);
      }
    } else {
      java.util.Arrays.fill(row, (float) intensity(role, 0, v));
    }
  }
}
