package org.dpface.calibration.detect;

import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.CharucoSpec;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;

/**
 * Finds a board's points in an image with sub-pixel accuracy. {@link #forBoard} picks the detector of a
 * board spec: {@link ChessboardDetector} (full detections) or {@link CharucoCornerDetector} (partial
 * detections named by corner id).
 */
public sealed interface BoardDetector permits ChessboardDetector, CharucoCornerDetector {
  /** The board this detector looks for. */
  BoardSpec board();

  /** Detects the board in a CV_8UC1 Mat the caller owns. */
  CornerDetection detect(String source, Mat gray);

  /** Detects the board in an 8-bit image. */
  default CornerDetection detect(String source, GrayU8 image) {
    try (Mat m = OpenCvImages.toMat(image)) {
      return detect(source, m);
    }
  }

  /** Detects the board in a linear 16-bit image (min-max stretched to 8 bits). */
  default CornerDetection detect(String source, GrayU16 image) {
    try (Mat m = OpenCvImages.toMat8(image)) {
      return detect(source, m);
    }
  }

  /** The default detector for {@code board}. */
  static BoardDetector forBoard(BoardSpec board) {
    return switch (board) {
      case ChessboardSpec chess -> new ChessboardDetector(chess);
      case CharucoSpec charuco -> new CharucoCornerDetector(charuco);
    };
  }
}
