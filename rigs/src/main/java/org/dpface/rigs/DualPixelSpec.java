package org.dpface.rigs;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a camera has a dual-pixel sensor and, if so, its split axis (the image direction of DP
 * disparity, see {@link SplitAxis}).
 *
 * @param present true for a DP camera
 * @param splitAxis present exactly when {@code present} is true
 */
public record DualPixelSpec(boolean present, Optional<SplitAxis> splitAxis) {
  public DualPixelSpec {
    Objects.requireNonNull(splitAxis, "splitAxis");
    if (present != splitAxis.isPresent()) {
      throw new IllegalArgumentException("a DP camera needs a split axis, a non-DP camera has none");
    }
  }

  /** A dual-pixel camera with the given split axis. */
  public static DualPixelSpec of(SplitAxis axis) {
    return new DualPixelSpec(true, Optional.of(axis));
  }

  /** A camera without dual pixels. */
  public static DualPixelSpec none() {
    return new DualPixelSpec(false, Optional.empty());
  }
}
