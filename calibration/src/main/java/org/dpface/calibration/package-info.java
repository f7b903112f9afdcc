/**
 * Camera intrinsics/extrinsics (chessboard, ChArUco, bundle adjustment), projector calibration through the decoder, DP defocus coefficients (a, b); calibration.json and OpenCV FileStorage export.
 *
 * <p>Built by issue 7; see this module's README.md for what it owns and what it must not touch.
 */
package org.dpface.calibration;
