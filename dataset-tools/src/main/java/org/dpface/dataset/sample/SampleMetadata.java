package org.dpface.dataset.sample;

/**
 * Capture conditions of one sample: expression ({@code neutral}, {@code frowning}, {@code yawning}),
 * position ({@code forward}, {@code backward}), head direction ({@code left}, {@code right},
 * {@code front}, {@code up}) and light (a light id such as {@code light3}, or {@code projector}). Free
 * text so a lab may add conditions; non-blank.
 */
public record SampleMetadata(String expression, String position, String direction, String light) {
  public SampleMetadata {
    SampleIds.requireText(expression, "expression");
    SampleIds.requireText(position, "position");
    SampleIds.requireText(direction, "direction");
    SampleIds.requireText(light, "light");
  }
}
