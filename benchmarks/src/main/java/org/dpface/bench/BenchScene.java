package org.dpface.bench;

import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;

/**
 * The rasterizer benchmark scene: a closed, deformed UV sphere of about 100k triangles (a head-sized
 * blob, radius ~80 mm with smooth bumps) at 970 mm in front of a 1224 x 816 camera whose focal length
 * matches the rig's 135 mm lens on 5.36 µm pixels binned 5x (f ≈ 5037 px), so the surface fills about
 * half of the ~1-Mpixel view. Deterministic.
 */
public final class BenchScene {
  public static final int WIDTH = 1224;
  public static final int HEIGHT = 816;
  /** Latitude rings (without the poles) and longitude segments: 2 * LON * (LAT - 1) + 2 * LON faces. */
  public static final int LAT = 200;
  public static final int LON = 249;

  public final TriangleMesh mesh;
  public final CameraModel camera;
  public final RigidTransform worldToCamera;

  private BenchScene(TriangleMesh mesh, CameraModel camera, RigidTransform worldToCamera) {
    this.mesh = mesh;
    this.camera = camera;
    this.worldToCamera = worldToCamera;
  }

  /** Pinhole (distorted = false) or with OpenCV distortion k1=-0.2, k2=0.05, p1=1e-3, p2=-5e-4. */
  public static BenchScene create(boolean distorted) {
    double f = 135.0 / (5.36e-3 * 5);
    double cx = (WIDTH - 1) / 2.0 + 3.2;
    double cy = (HEIGHT - 1) / 2.0 - 2.1;
    CameraModel cam = distorted
        ? new CameraModel(WIDTH, HEIGHT, f, f, cx, cy, -0.2, 0.05, 1e-3, -5e-4, 0)
        : new CameraModel(WIDTH, HEIGHT, f, f, cx, cy);
    // World frame = head frame at the origin; the camera looks at it from 970 mm.
    RigidTransform worldToCamera = RigidTransform.fromRodrigues(new double[] {0.05, 0.3, 0.02},
        new double[] {0, 0, 970});
    return new BenchScene(blob(80), cam, worldToCamera);
  }

  /** Deformed UV sphere centred at the origin, outward counter-clockwise faces, vertex normals set. */
  static TriangleMesh blob(double radius) {
    int nv = 2 + LAT * LON;
    float[] pos = new float[3 * nv];
    put(pos, 0, 0, 0, -radius(radius, 0, 0));
    put(pos, nv - 1, 0, 0, radius(radius, Math.PI, 0));
    for (int i = 0; i < LAT; i++) {
      double theta = Math.PI * (i + 1) / (LAT + 1);
      for (int j = 0; j < LON; j++) {
        double phi = 2 * Math.PI * j / LON;
        double r = radius(radius, theta, phi);
        put(pos, 1 + i * LON + j, r * Math.sin(theta) * Math.cos(phi), r * Math.sin(theta) * Math.sin(phi),
            -r * Math.cos(theta));
      }
    }
    int[] faces = new int[3 * (2 * LON * (LAT - 1) + 2 * LON)];
    int f = 0;
    for (int j = 0; j < LON; j++) {
      int a = 1 + j;
      int b = 1 + (j + 1) % LON;
      f = tri(faces, f, 0, b, a);
      int c = 1 + (LAT - 1) * LON + j;
      int d = 1 + (LAT - 1) * LON + (j + 1) % LON;
      f = tri(faces, f, nv - 1, c, d);
    }
    for (int i = 0; i < LAT - 1; i++) {
      for (int j = 0; j < LON; j++) {
        int a = 1 + i * LON + j;
        int b = 1 + i * LON + (j + 1) % LON;
        int c = a + LON;
        int d = b + LON;
        f = tri(faces, f, a, b, d);
        f = tri(faces, f, a, d, c);
      }
    }
    TriangleMesh m = new TriangleMesh(pos, faces);
    m.computeVertexNormals();
    return m;
  }

  private static double radius(double r, double theta, double phi) {
    return r * (1 + 0.12 * Math.sin(3 * theta) * Math.cos(2 * phi) + 0.05 * Math.sin(7 * theta + 1)
        * Math.sin(5 * phi) + 0.02 * Math.cos(13 * phi) * Math.sin(theta));
  }

  private static void put(float[] pos, int i, double x, double y, double z) {
    pos[3 * i] = (float) x;
    pos[3 * i + 1] = (float) y;
    pos[3 * i + 2] = (float) z;
  }

  private static int tri(int[] faces, int f, int a, int b, int c) {
    faces[f] = a;
    faces[f + 1] = b;
    faces[f + 2] = c;
    return f + 3;
  }

  public int pixels() {
    return WIDTH * HEIGHT;
  }
}
