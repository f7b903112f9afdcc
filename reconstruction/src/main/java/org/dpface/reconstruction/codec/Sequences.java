package org.dpface.reconstruction.codec;

import java.util.ArrayList;
import java.util.List;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.FrameRole;
import org.dpface.reconstruction.struct.SequenceDescription;

/** Factories for common structured-light frame orders. */
public final class Sequences {
  private Sequences() {}

  /**
   * The order of OpenCV's {@code cv::structured_light::GrayCodePattern} ({@code generate()} followed by
   * {@code getImagesForShadowMasks}, as its capture tutorial projects them): for columns then rows, one
   * (pattern, inverse) pair per bit from the most significant bit down, ceil(log2(extent)) bits per axis;
   * then white, then black. OpenCV's pattern pair k shows bit {@code bits - 1 - k} of gray(column) with
   * 255 where the bit is set, which is exactly {@link FrameRole} GRAY's convention.
   */
  public static SequenceDescription openCvGrayCode(int projectorWidth, int projectorHeight) {
    List<FrameRole> frames = new ArrayList<>();
    for (Axis axis : Axis.values()) {
      int bits = SequenceDescription.grayBitsFor(axis.extent(projectorWidth, projectorHeight));
      for (int b = bits - 1; b >= 0; b--) {
        frames.add(FrameRole.gray(axis, b));
        frames.add(FrameRole.grayInverse(axis, b));
      }
    }
    frames.add(FrameRole.white());
    frames.add(FrameRole.black());
    return new SequenceDescription(projectorWidth, projectorHeight, frames);
  }

  /**
   * dpface's default order: white, black, then for x and then y the Gray bits from the most significant
   * down to {@code config.lowestGrayBit()} (each pattern then inverse) followed by the phase steps 0..N-1.
   * With {@link SequenceConfig#defaults()} a 1024x768 projector gets 2 + 2 * (8 * 2 + 4) = 42 frames.
   */
  public static SequenceDescription dpface(int projectorWidth, int projectorHeight, SequenceConfig config) {
    List<FrameRole> frames = new ArrayList<>();
    frames.add(FrameRole.white());
    frames.add(FrameRole.black());
    for (Axis axis : Axis.values()) {
      int extent = axis.extent(projectorWidth, projectorHeight);
      int bits = SequenceDescription.grayBitsFor(extent);
      boolean phase = config.phaseSteps() > 0;
      boolean needGray = !phase || config.periodPx() < extent;
      if (needGray && bits > 0) {
        for (int b = bits - 1; b >= Math.min(config.lowestGrayBit(), bits - 1); b--) {
          frames.add(FrameRole.gray(axis, b));
          frames.add(FrameRole.grayInverse(axis, b));
        }
      }
      if (phase) {
        for (int s = 0; s < config.phaseSteps(); s++) {
          frames.add(FrameRole.phase(axis, s, config.phaseSteps(), config.periodPx()));
        }
      }
    }
    return new SequenceDescription(projectorWidth, projectorHeight, frames);
  }
}
