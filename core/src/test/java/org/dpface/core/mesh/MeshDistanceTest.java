package org.dpface.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeshDistanceTest {
  /** Double-precision agreement for analytic distances (mm). */
  private static final double EXACT_MM = 1e-9;
  /** Float storage of positions near 1000 mm rounds by about 6e-5 mm. */
  private static final double FLOAT_MM = 2e-4;

  private static final double[] A = {0, 0, 0};
  private static final double[] B = {4, 0, 0};
  private static final double[] C = {0, 3, 0};

  private static double dist(double x, double y, double z, double[] out) {
    return Math.sqrt(TriangleGrid.closestPointOnTriangle(
        x, y, z, A[0], A[1], A[2], B[0], B[1], B[2], C[0], C[1], C[2], out));
  }

  @Test
  void pointTriangleRegions() {
    double[] out = new double[3];
    // Interior: straight above the plane.
    assertEquals(2.5, dist(1, 1, 2.5, out), EXACT_MM);
    assertEquals(1, out[0], EXACT_MM);
    assertEquals(1, out[1], EXACT_MM);
    assertEquals(0, out[2], EXACT_MM);
    // Vertex regions.
    assertEquals(Math.sqrt(1 + 1 + 4), dist(-1, -1, 2, out), EXACT_MM);
    assertEquals(0, out[0], EXACT_MM);
    assertEquals(Math.sqrt(4 + 1), dist(6, -1, 0, out), EXACT_MM);
    assertEquals(4, out[0], EXACT_MM);
    assertEquals(Math.sqrt(1 + 9), dist(0, 4, 3, out), EXACT_MM);
    assertEquals(3, out[1], EXACT_MM);
    // Edge AB (y < 0) and edge AC (x < 0).
    assertEquals(Math.sqrt(4 + 1), dist(2, -2, 1, out), EXACT_MM);
    assertEquals(2, out[0], EXACT_MM);
    assertEquals(0, out[1], EXACT_MM);
    assertEquals(3, dist(-3, 1, 0, out), EXACT_MM);
    assertEquals(1, out[1], EXACT_MM);
    // Hypotenuse BC: line 3x + 4y = 12, unit normal (3, 4) / 5; point 2 mm beyond its midpoint.
    double mx = 2 + 2 * 0.6;
    double my = 1.5 + 2 * 0.8;
    assertEquals(2, dist(mx, my, 0, out), EXACT_MM);
    assertEquals(2, out[0], EXACT_MM);
    assertEquals(1.5, out[1], EXACT_MM);
  }

  @Test
  void degenerateTriangleFallsBackToSegment() {
    double[] out = new double[3];
    double d2 = TriangleGrid.closestPointOnTriangle(1, 1, 0, 0, 0, 0, 2, 0, 0, 4, 0, 0, out);
    assertEquals(1, Math.sqrt(d2), EXACT_MM);
    assertEquals(1, out[0], EXACT_MM);
  }

  @Test
  void gridMatchesBruteForce() {
    TriangleMesh mesh = Meshes.ellipsoid(3, 80, 100, 60, 5, -3, 970);
    TriangleGrid grid = new TriangleGrid(mesh);
    double[] tmp = new double[3];
    qt().withFixedSeed(17).forAll(doubles().between(-150, 150), doubles().between(-150, 150),
            doubles().between(820, 1120))
        .check((x, y, z) -> {
          double brute = Double.MAX_VALUE;
          for (int t = 0; t < mesh.faceCount(); t++) {
            brute = Math.min(brute, grid.closestPointOnTriangle(t, x, y, z, tmp));
          }
          double got = grid.closestPoint(x, y, z, Double.POSITIVE_INFINITY, null, 0);
          return Math.abs(got - Math.sqrt(brute)) <= EXACT_MM;
        });
  }

  @Test
  void maxDistanceGivesInfinity() {
    TriangleMesh mesh = Meshes.ellipsoid(2, 50, 50, 50, 0, 0, 0);
    TriangleGrid grid = new TriangleGrid(mesh);
    assertEquals(Double.POSITIVE_INFINITY, grid.closestPoint(200, 0, 0, 100, null, 0));
    assertEquals(150, grid.closestPoint(200, 0, 0, 151, null, 0), 1e-4);
  }

  @Test
  void sphereVerticesToPointsAtKnownRadius() {
    // Points on spheres of radius 90 and 110 against a unit-icosphere mesh scaled to radius 100: every
    // distance lies between the exact 10 mm and 10 mm + the chord sag of the mesh.
    double radius = 100;
    TriangleMesh sphere = Meshes.ellipsoid(5, radius, radius, radius, 0, 0, 1000);
    double maxEdge = 0;
    for (int f = 0; f < sphere.faces.length; f += 3) {
      for (int k = 0; k < 3; k++) {
        int a = sphere.faces[f + k] * 3;
        int b = sphere.faces[f + (k + 1) % 3] * 3;
        double dx = sphere.positions[a] - sphere.positions[b];
        double dy = sphere.positions[a + 1] - sphere.positions[b + 1];
        double dz = sphere.positions[a + 2] - sphere.positions[b + 2];
        maxEdge = Math.max(maxEdge, Math.sqrt(dx * dx + dy * dy + dz * dz));
      }
    }
    // Sag of a triangle inscribed in the sphere: circumradius <= edge / sqrt(3).
    double sag = radius - Math.sqrt(radius * radius - maxEdge * maxEdge / 3);
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 2000;
    float[] pts = new float[3 * n];
    double[] shell = new double[n];
    for (int i = 0; i < n; i++) {
      double x = rnd.nextGaussian();
      double y = rnd.nextGaussian();
      double z = rnd.nextGaussian();
      double s = (i % 2 == 0 ? 90 : 110) / Math.sqrt(x * x + y * y + z * z);
      shell[i] = i % 2 == 0 ? 90 : 110;
      pts[3 * i] = (float) (x * s);
      pts[3 * i + 1] = (float) (y * s);
      pts[3 * i + 2] = (float) (z * s + 1000);
    }
    float[] d = new float[n];
    MeshDistance.pointsToSurface(pts, new TriangleGrid(sphere), Double.POSITIVE_INFINITY, d);
    for (int i = 0; i < n; i++) {
      // Outside, the facets lie up to the sag farther than the sphere; inside, up to the sag nearer.
      boolean inside = shell[i] < radius;
      double lo = inside ? 10 - sag - FLOAT_MM : 10 - FLOAT_MM;
      double hi = inside ? 10 + FLOAT_MM : 10 + sag + FLOAT_MM;
      assertTrue(d[i] >= lo && d[i] <= hi, "point " + i + " distance " + d[i]);
    }
    DistanceStats s = DistanceStats.of(d, null);
    assertEquals(n, s.count());
    assertTrue(Math.abs(s.median() - 10) <= sag + FLOAT_MM);
  }

  @Test
  void statsUseNearestRankAndMask() {
    float[] d = new float[100];
    for (int i = 0; i < 100; i++) {
      d[i] = 100 - i; // 1..100 in reverse
    }
    DistanceStats s = DistanceStats.of(d, null);
    assertEquals(50, s.median(), 0);
    assertEquals(95, s.p95(), 0);
    assertEquals(100, s.max(), 0);
    assertEquals(50.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(338350 / 100.0), s.rms(), 1e-9);
    boolean[] mask = new boolean[100];
    mask[0] = true; // value 100
    mask[99] = true; // value 1
    d[50] = Float.POSITIVE_INFINITY;
    mask[50] = true;
    DistanceStats m = DistanceStats.of(d, mask);
    assertEquals(2, m.count());
    assertEquals(1, m.missing());
    assertEquals(1, m.median(), 0);
    assertEquals(100, m.p95(), 0);
  }

  @Test
  void meshToItselfIsZero() {
    TriangleMesh mesh = Meshes.ellipsoid(3, 70, 90, 80, 0, 0, 970);
    DistanceStats s = MeshDistance.summary(mesh, mesh, null, 1);
    assertEquals(mesh.vertexCount(), s.count());
    assertEquals(0, s.max(), 0);
  }
}
