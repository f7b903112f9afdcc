package org.dpface.dataset.shard;

/**
 * The axis along which a DP camera splits its pixels, in image coordinates: {@code HORIZONTAL} means
 * disparity runs along x (columns), {@code VERTICAL} along y (rows). Stored as the root attribute
 * {@code dp_axis} ({@code "horizontal"} or {@code "vertical"}).
 */
public enum DpAxis {
  HORIZONTAL,
  VERTICAL;

  /** The attribute spelling: lower case. */
  public String attribute() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses the attribute spelling (case-insensitive). */
  public static DpAxis parse(String text) {
    for (DpAxis a : values()) {
      if (a.attribute().equalsIgnoreCase(text)) {
        return a;
      }
    }
    throw new IllegalArgumentException("dp_axis must be horizontal or vertical, got \"" + text + "\"");
  }
}
