package org.dpface.reconstruction.struct;

import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;

/**
 * Per-camera-pixel output of the structured-light decoder, all images at the camera's resolution. Reused
 * across decodes: the decoder reshapes them, reusing storage.
 *
 * <ul>
 *   <li>{@link #projU}, {@link #projV}: projector column and row (pixels; integer = pixel centre), sub-pixel
 *       when the axis has phase frames, integer from the Gray code alone otherwise; NaN where invalid or where
 *       the sequence does not encode the axis.
 *   <li>{@link #mask}: 1 where every encoded axis decoded, else 0.
 *   <li>{@link #confidence}: in [0, 1]; the weakest decisive evidence (Gray pattern-minus-inverse contrast,
 *       or twice the phase modulation) relative to white minus black; 0 where invalid.
 *   <li>{@link #reason}: {@link Rejection#code()} per pixel.
 * </ul>
 */
public final class DecodedMaps {
  public final GrayF32 projU = new GrayF32(0, 0);
  public final GrayF32 projV = new GrayF32(0, 0);
  public final GrayU8 mask = new GrayU8(0, 0);
  public final GrayF32 confidence = new GrayF32(0, 0);
  public final GrayU8 reason = new GrayU8(0, 0);

  /** Reshapes every map to width x height, reusing storage. */
  public void reshape(int width, int height) {
    projU.reshape(width, height);
    projV.reshape(width, height);
    mask.reshape(width, height);
    confidence.reshape(width, height);
    reason.reshape(width, height);
  }

  public int width() {
    return mask.width();
  }

  public int height() {
    return mask.height();
  }

  /** Number of valid pixels. */
  public int countValid() {
    return mask.count(1);
  }
}
