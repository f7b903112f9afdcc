package org.dpface.rigs;

/** Image size in pixels: width = number of columns (u), height = number of rows (v). */
public record Resolution(int width, int height) {
  @Override
  public String toString() {
    return width + "x" + height;
  }
}
