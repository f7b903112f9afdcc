package org.dpface.calibration.io;

import java.util.Objects;

/**
 * One input a calibration looked at, for provenance in {@code calibration.json}.
 *
 * @param source input path or view id
 * @param device device the input belongs to
 * @param board board spec string ({@code chessboard:9x6:25})
 * @param used whether it contributed to the result
 * @param note why it was not used, or {@code null}
 */
public record CalibrationInput(String source, String device, String board, boolean used, String note) {
  public CalibrationInput {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(board, "board");
  }
}
