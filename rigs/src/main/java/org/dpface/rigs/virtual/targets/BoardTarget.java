package org.dpface.rigs.virtual.targets;

import java.util.Objects;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.rigs.virtual.render.SurfaceAlbedo;

/**
 * A chessboard as scene geometry: a thin planar {@link TriangleMesh} covering the board outline (two
 * triangles, world mm, outward side = the printed face, board −z) placed by {@code boardToWorld}, its
 * point-sampled {@link SurfaceAlbedo}, and the projection of its inner corners into a camera.
 *
 * <p>The point albedo is exact but aliased when sampled at pixel centres; {@link TargetRenderer}
 * replaces it per pixel by the analytic area average over the pixel footprint ({@link
 * FootprintAlbedo}). Immutable and thread-safe.
 */
public final class BoardTarget {
  /** Outline vertices in the board frame (x, y), in the mesh's vertex order. */
  private final double[] outline;
  private final BoardSpec board;
  private final ChessboardPattern pattern;

  public BoardTarget(ChessboardPattern pattern) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.board = pattern.board();
    this.outline = new double[] {
      board.minX(), board.minY(), board.maxX(), board.minY(), board.maxX(), board.maxY(), board.minX(), board.maxY()
    };
  }

  public BoardSpec board() {
    return board;
  }

  public ChessboardPattern pattern() {
    return pattern;
  }

  /** Faces of the mesh: counter-clockwise seen from the printed side (board −z). */
  private static final int[] FACES = {0, 3, 2, 0, 2, 1};

  /** The board outline as two triangles in world coordinates (mm); allocates. */
  public TriangleMesh mesh(RigidTransform boardToWorld) {
    float[] pos = new float[12];
    double[] p = new double[3];
    for (int k = 0; k < 4; k++) {
      boardToWorld.transformPoint(outline[2 * k], outline[2 * k + 1], 0, p, 0);
      pos[3 * k] = (float) p[0];
      pos[3 * k + 1] = (float) p[1];
      pos[3 * k + 2] = (float) p[2];
    }
    return new TriangleMesh(pos, FACES.clone());
  }

  /**
   * The point-sampled pattern on the triangles of {@link #mesh} (the same on both sides): grey, R = G =
   * B.
   */
  public SurfaceAlbedo surfaceAlbedo() {
    return (t, b1, b2, out, off) -> {
      int v0 = FACES[3 * t];
      int v1 = FACES[3 * t + 1];
      int v2 = FACES[3 * t + 2];
      double x = outline[2 * v0] + b1 * (outline[2 * v1] - outline[2 * v0]) + b2 * (outline[2 * v2] - outline[2 * v0]);
      double y = outline[2 * v0 + 1] + b1 * (outline[2 * v1 + 1] - outline[2 * v0 + 1])
          + b2 * (outline[2 * v2 + 1] - outline[2 * v0 + 1]);
      float a = (float) pattern.albedoAt(x, y);
      out[off] = a;
      out[off + 1] = a;
      out[off + 2] = a;
    };
  }

  /**
   * True when a camera placed by {@code worldToCamera} sees the printed face of the board placed by
   * {@code boardToWorld} (its centre lies on the board's −z side).
   */
  public static boolean facesCamera(RigidTransform boardToWorld, RigidTransform worldToCamera) {
    return cameraCentreInBoard(boardToWorld, worldToCamera)[2] < 0;
  }

  /** The camera centre in the board frame (mm). */
  static double[] cameraCentreInBoard(RigidTransform boardToWorld, RigidTransform worldToCamera) {
    return boardToWorld.then(worldToCamera).invert().translation();
  }

  /**
   * Projects every inner corner into a camera.
   *
   * @param camera camera model (distortion included)
   * @param worldToCamera camera pose
   * @param boardToWorld board pose
   * @param uv receives u, v per corner in OpenCV order (NaN where the corner is behind the camera)
   * @param visible receives per corner: in front of the camera, inside the image ({@link
   *     CameraModel#isInside}) and on the printed side
   * @return the number of visible corners
   */
  public int projectCorners(CameraModel camera, RigidTransform worldToCamera, RigidTransform boardToWorld, double[] uv,
      boolean[] visible) {
    RigidTransform boardToCamera = boardToWorld.then(worldToCamera);
    boolean front = facesCamera(boardToWorld, worldToCamera);
    double[] c = new double[3];
    int count = 0;
    for (int k = 0; k < board.cornerCount(); k++) {
      boardToCamera.transformPoint(board.cornerX(k), board.cornerY(k), 0, c, 0);
      boolean ok = camera.project(c[0], c[1], c[2], uv, 2 * k);
      if (!ok) {
        uv[2 * k] = Double.NaN;
        uv[2 * k + 1] = Double.NaN;
      }
      visible[k] = ok && front && camera.isInside(uv[2 * k], uv[2 * k + 1]);
      if (visible[k]) {
        count++;
      }
    }
    return count;
  }
}
