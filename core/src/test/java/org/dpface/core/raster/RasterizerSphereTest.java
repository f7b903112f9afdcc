package org.dpface.core.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.junit.jupiter.api.Test;

/** Icospheres against the analytic ray-sphere intersection, without and with lens distortion. */
class RasterizerSphereTest {
  static final double R = 100;
  static final double[] C = {15, -8, 900};
  /** Float32 rounding allowance (mm) on top of the geometric bounds at ~1 m. */
  static final double FLOAT_TOL_MM = 2e-4;
  /** Pixels whose ray passes within this many pixels (plus the sagitta) of the rim are not compared. */
  static final double RIM_BAND_PX = 1.0;
  /** Only pixels whose ray meets the sphere at an incidence below this angle get the depth bound. */
  static final double MAX_INCIDENCE = Math.toRadians(60);

  @Test
  void depthNormalAndSilhouetteMatchAnalyticSphere() {
    // Level 5: 20480 faces, edges ~3.5 mm (~6 px).
    TriangleMesh sphere = TestScenes.icosphere(C, R, 5);
    double rho = TestScenes.maxCircumradius(sphere);
    // Sagitta: largest distance between a flat triangle (vertices on the sphere) and the sphere.
    double sagitta = R - Math.sqrt(R * R - rho * rho);
    CameraModel cam = new CameraModel(400, 400, 1600, 1600, 199.5, 201.5);
    try (Rasterizer face = new Rasterizer(RasterConfig.defaults().withThreads(2));
        Rasterizer smooth = new Rasterizer(
            RasterConfig.defaults().withThreads(2).withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED))) {
      RenderTarget flat = face.render(sphere, cam, RigidTransform.identity());
      RenderTarget out = smooth.render(sphere, cam, RigidTransform.identity());
      double[] ray = new double[2];
      double maxSmoothErr = 0;
      double maxFaceErr = 0;
      int compared = 0;
      for (int v = 0; v < cam.height(); v++) {
        for (int u = 0; u < cam.width(); u++) {
          cam.unproject(u, v, ray, 0);
          double dn = Math.sqrt(ray[0] * ray[0] + ray[1] * ray[1] + 1);
          double dx = ray[0] / dn, dy = ray[1] / dn, dz = 1 / dn;
          double tca = C[0] * dx + C[1] * dy + C[2] * dz;
          double miss2 = C[0] * C[0] + C[1] * C[1] + C[2] * C[2] - tca * tca; // squared ray-centre distance
          double pxMm = tca * dz / cam.fx();
          if (Math.abs(Math.sqrt(miss2) - R) < RIM_BAND_PX * pxMm + sagitta) {
            continue;
          }
          boolean hit = miss2 < R * R;
          assertEquals(hit ? 1 : 0, out.mask.get(u, v), "silhouette at " + u + "," + v);
          assertEquals(out.mask.get(u, v), flat.mask.get(u, v));
          if (!hit) {
            continue;
          }
          double t = tca - Math.sqrt(R * R - miss2);
          double zExact = t * dz;
          double nx = (t * dx - C[0]) / R, ny = (t * dy - C[1]) / R, nz = (t * dz - C[2]) / R;
          double cosInc = -(nx * dx + ny * dy + nz * dz);
          double z = out.depth.get(u, v);
          assertEquals(z, flat.depth.get(u, v), 0.0, "depth independent of the normal mode");
          // The polyhedron lies inside the sphere: depth is behind the analytic one, by at most the
          // sagitta along the normal, i.e. sagitta / cos(incidence) along the ray (times dz for Z).
          assertTrue(z >= zExact - FLOAT_TOL_MM, "in front of the sphere at " + u + "," + v);
          if (Math.acos(cosInc) > MAX_INCIDENCE) {
            continue;
          }
          compared++;
          assertTrue(z - zExact <= sagitta / cosInc * dz + FLOAT_TOL_MM,
              "depth error " + (z - zExact) + " > sagitta bound at " + u + "," + v);
          double smoothErr = RasterizerPlaneTest.angle(nx, ny, nz, out.normal.get(u, v, 0),
              out.normal.get(u, v, 1), out.normal.get(u, v, 2));
          double faceErr = RasterizerPlaneTest.angle(nx, ny, nz, flat.normal.get(u, v, 0),
              flat.normal.get(u, v, 1), flat.normal.get(u, v, 2));
          maxSmoothErr = Math.max(maxSmoothErr, smoothErr);
          maxFaceErr = Math.max(maxFaceErr, faceErr);
        }
      }
      assertTrue(compared > 50_000, "compared only " + compared);
      // Interpolated vertex normals on a sphere equal the radial direction of the hit point P on the
      // flat triangle; the analytic hit Q lies on the same ray at most sagitta / cos(i) further, so the
      // angle between them is at most sagitta * tan(i) / (R - sagitta).
      double smoothBound = sagitta * Math.tan(MAX_INCIDENCE) / (R - sagitta) + 1e-5;
      assertTrue(maxSmoothErr <= smoothBound, "smooth normal error " + maxSmoothErr + " > " + smoothBound);
      // Face normals are off by up to the angle subtended by the circumradius.
      double faceBound = Math.asin(rho / R) + smoothBound;
      assertTrue(maxFaceErr <= faceBound, "face normal error " + maxFaceErr + " > " + faceBound);
      assertTrue(maxSmoothErr < maxFaceErr / 5, "interpolation should beat face normals");
    }
  }

  @Test
  void distortedViewBackProjectsOntoSurfacesAndVerticesHitTheirTriangles() {
    CameraModel cam = new CameraModel(320, 240, 300, 302, 161.2, 118.7, -0.2, 0.05, 1e-3, -5e-4, 0);
    double[] c = {40, 10, 500};
    // Level 3: edges ~14 mm (~8 px) so the pixel nearest a projected vertex lies in its one-ring.
    TriangleMesh sphere = TestScenes.icosphere(c, R, 3);
    double rho = TestScenes.maxCircumradius(sphere);
    double sagitta = R - Math.sqrt(R * R - rho * rho);
    double tilt = Math.toRadians(30);
    double[] pc = {0, 0, 800};
    double[] pn = {0, -Math.sin(tilt), Math.cos(tilt)};
    TriangleMesh wall = TestScenes.planeGrid(pc, new double[] {1, 0, 0},
        new double[] {0, Math.cos(tilt), Math.sin(tilt)}, 3000, 4);
    TriangleMesh scene = TestScenes.concat(sphere, wall);
    int sphereFaces = sphere.faceCount();
    // A world frame that is not the camera frame: rotate and translate everything.
    RigidTransform worldToCamera = RigidTransform.fromRodrigues(new double[] {0.1, -0.2, 0.05},
        new double[] {30, -20, 10});
    TriangleMesh world = scene.transformed(worldToCamera.invert());
    try (Rasterizer r = new Rasterizer(RasterConfig.defaults().withThreads(2))) {
      RenderTarget out = r.render(world, cam, worldToCamera);
      double[] x = new double[3];
      int sphereHits = 0;
      int wallHits = 0;
      for (int v = 0; v < cam.height(); v++) {
        for (int u = 0; u < cam.width(); u++) {
          // The 6 m wall fills the view behind the sphere: every pixel is valid.
          assertEquals(1, out.mask.get(u, v), "hole at " + u + "," + v);
          cam.backProject(u, v, out.depth.get(u, v), x, 0);
          int id = out.triangleId.get(u, v);
          if (id < sphereFaces) {
            double dist = Math.sqrt(sq(x[0] - c[0]) + sq(x[1] - c[1]) + sq(x[2] - c[2]));
            assertTrue(dist <= R + FLOAT_TOL_MM && dist >= R - sagitta - FLOAT_TOL_MM,
                "sphere point at distance " + dist + " at " + u + "," + v);
            sphereHits++;
          } else {
            double off = pn[0] * (x[0] - pc[0]) + pn[1] * (x[1] - pc[1]) + pn[2] * (x[2] - pc[2]);
            assertEquals(0, off, FLOAT_TOL_MM * 2, "off the wall at " + u + "," + v);
            wallHits++;
          }
        }
      }
      assertTrue(sphereHits > 10_000 && wallHits > 10_000, sphereHits + " / " + wallHits);

      // Vertex -> pixel through CameraModel.project must land on one of the vertex's triangles.
      List<Set<Integer>> ring = new ArrayList<>();
      for (int i = 0; i < sphere.vertexCount(); i++) {
        ring.add(new HashSet<>());
      }
      for (int f = 0; f < sphereFaces; f++) {
        for (int k = 0; k < 3; k++) {
          ring.get(sphere.faces[3 * f + k]).add(f);
        }
      }
      double[] uv = new double[2];
      int checked = 0;
      for (int i = 0; i < sphere.vertexCount(); i++) {
        double px = sphere.positions[3 * i], py = sphere.positions[3 * i + 1], pz = sphere.positions[3 * i + 2];
        // Facing the camera clearly (cos > 0.5) so the one-ring is not foreshortened below a pixel.
        double cos = -((px - c[0]) * px + (py - c[1]) * py + (pz - c[2]) * pz)
            / (R * Math.sqrt(px * px + py * py + pz * pz));
        if (cos < 0.5 || !cam.project(px, py, pz, uv, 0)) {
          continue;
        }
        int u = (int) Math.round(uv[0]);
        int v = (int) Math.round(uv[1]);
        if (!cam.isInside(u, v)) {
          continue;
        }
        int id = out.triangleId.get(u, v);
        assertTrue(ring.get(i).contains(id), "vertex " + i + " at " + u + "," + v + " shows triangle " + id);
        checked++;
      }
      assertTrue(checked > 100, "checked only " + checked + " vertices");
    }
  }

  private static double sq(double a) {
    return a * a;
  }
}
