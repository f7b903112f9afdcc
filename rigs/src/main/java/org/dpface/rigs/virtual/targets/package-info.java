/**
 * Calibration targets in the virtual rig: a chessboard ({@link org.dpface.rigs.virtual.targets.BoardSpec},
 * string form {@code chessboard:COLSxROWS:SQUARE_MM}) as scene geometry with an analytically
 * anti-aliased print ({@link org.dpface.rigs.virtual.targets.BoardTarget}, {@link
 * org.dpface.rigs.virtual.targets.ChessboardPattern}), seeded calibration poses with per-pose camera
 * coverage ({@link org.dpface.rigs.virtual.targets.BoardPoses}), and the renderer of calibration takes
 * ({@link org.dpface.rigs.virtual.targets.TargetRenderer}): raw 16-bit frames under flat lighting and
 * under projector patterns (full aperture, or the DP halves a capture stores), with the true corner pixels
 * beside them ({@link
 * org.dpface.rigs.virtual.targets.BoardViewTruth}).
 *
 * <p>Typical use (a calibration test):
 * <pre>{@code
 * RigDescription rig = BundledRigs.load("virtual-8cam");
 * BoardSpec board = BoardSpec.parse("chessboard:9x6:20");
 * List<RigidTransform> poses = BoardPoses.generate(rig, board, BoardPoses.Config.defaults(15), 42);
 * CalibrationCapture take = TargetRenderer.render(rig, board, poses, TargetRenderConfig.defaults());
 * }</pre>
 *
 * What this package must not do: depend on the reconstruction codec (pattern images come in as
 * images) or on OpenCV (no ChArUco: its marker dictionary is not generated here).
 */
package org.dpface.rigs.virtual.targets;
