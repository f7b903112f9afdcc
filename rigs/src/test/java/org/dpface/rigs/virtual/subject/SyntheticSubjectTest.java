package org.dpface.rigs.virtual.subject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.Vec3;
import org.junit.jupiter.api.Test;

class SyntheticSubjectTest {
  /** Nose-tip to camera-0 distance tolerance, fraction of the nominal distance. */
  static final double DISTANCE_TOL = 0.03;
  /** Head turn of LEFT/RIGHT must lie in this range, degrees. */
  static final double TURN_MIN_DEG = 20;
  static final double TURN_MAX_DEG = 35;
  /** Minimum relative local standard deviation of cheek albedo luminance (texture for DP and stereo). */
  static final double CHEEK_TEXTURE_MIN = 0.01;

  private static final double[] TIP = {0, 20, -120};

  private final HeadModel model = HeadModel.standard();

  @Test
  void sameSeedSameSubjectDifferentSeedDifferentSubject() {
    SyntheticSubject a = SyntheticSubject.create(1, 42, model);
    SyntheticSubject b = SyntheticSubject.create(1, 42, model);
    SyntheticSubject c = SyntheticSubject.create(2, 43, model);
    assertEquals("sub-0001", a.id());
    assertEquals("sub-0002", c.id());
    assertArrayEquals(a.identityCoefficients(), b.identityCoefficients());
    assertArrayEquals(a.headVertices(model, Expression.YAWN), b.headVertices(model, Expression.YAWN));
    assertFalse(Arrays.equals(a.identityCoefficients(), c.identityCoefficients()));
    assertFalse(Arrays.equals(a.headVertices(model, Expression.NEUTRAL), c.headVertices(model, Expression.NEUTRAL)));
    float[] ra = new float[3];
    float[] rb = new float[3];
    float[] rc = new float[3];
    double[] cheek = MeanHeadShape.frontSurfacePoint(40, 15);
    a.albedo().albedo(cheek[0], cheek[1], cheek[2], ra, 0);
    b.albedo().albedo(cheek[0], cheek[1], cheek[2], rb, 0);
    c.albedo().albedo(cheek[0], cheek[1], cheek[2], rc, 0);
    assertArrayEquals(ra, rb);
    assertFalse(Arrays.equals(ra, rc));
    assertEquals(
        Arrays.toString(SyntheticSubject.ofDataset(7, 5, model).identityCoefficients()),
        Arrays.toString(SyntheticSubject.ofDataset(7, 5, model).identityCoefficients()));
  }

  @Test
  void headDirectionsTurnTheNose() {
    SubjectPlacement placement = new SubjectPlacement(RigidTransform.identity(), new Vec3(0, 0, 970));
    double[] front = noseDirection(placement.headToWorld(HeadDirection.FRONT, SubjectDistance.FORWARD, TIP));
    assertArrayEquals(new double[] {0, 0, -1}, front, 1e-12);
    double[] left = noseDirection(placement.headToWorld(HeadDirection.LEFT, SubjectDistance.FORWARD, TIP));
    double[] right = noseDirection(placement.headToWorld(HeadDirection.RIGHT, SubjectDistance.FORWARD, TIP));
    double[] up = noseDirection(placement.headToWorld(HeadDirection.UP, SubjectDistance.FORWARD, TIP));
    double turn = Math.toDegrees(Math.acos(-left[2]));
    assertTrue(turn >= TURN_MIN_DEG && turn <= TURN_MAX_DEG, "turn " + turn);
    // The subject's left is +x of the head frame, which camera 0 (world frame) sees as +x.
    assertTrue(left[0] > 0.3, "left turns toward the subject's left (+x)");
    assertTrue(right[0] < -0.3, "right turns toward -x");
    assertTrue(up[1] < -0.2, "up tilts the nose toward -y");
  }

  @Test
  void nosesAreAtTheCaptureDistances() throws IOException {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    SubjectPlacement placement = SubjectPlacement.of(rig);
    double[] cam0 = rig.cameras().get(0).cameraToWorld().toTransform().translation();
    for (int s = 1; s <= 3; s++) {
      SyntheticSubject subject = SyntheticSubject.create(s, s, model);
      for (SubjectPose pose : SubjectPose.all()) {
        PosedSubject posed = subject.pose(model, pose, placement);
        double[] tip = posed.noseTipWorld();
        double d = Math.sqrt(sq(tip[0] - cam0[0]) + sq(tip[1] - cam0[1]) + sq(tip[2] - cam0[2]));
        double nominal = pose.distance().noseToCameraMm();
        assertEquals(nominal, d, nominal * DISTANCE_TOL, pose.id());
        if (pose.direction() == HeadDirection.FRONT && pose.expression() == Expression.NEUTRAL) {
          assertEquals(nominal, d, 1e-3, "front neutral is exact");
        }
      }
    }
  }

  @Test
  void albedoIsBoundedAndTexturedOnTheCheeks() {
    for (int s = 1; s <= 4; s++) {
      SkinAlbedo albedo = SyntheticSubject.create(s, 500 + s, model).albedo();
      float[] rgb = new float[3];
      float[] mean = model.mean();
      for (int i = 0; i < mean.length; i += 3 * 7) {
        albedo.albedo(mean[i], mean[i + 1], mean[i + 2], rgb, 0);
        for (float c : rgb) {
          assertTrue(c >= 0 && c <= 1 && Float.isFinite(c), "albedo in [0, 1]: " + c);
        }
      }
      // 8 x 8 mm cheek patch at 0.25 mm steps: luminance minus its 3x3 local mean.
      double[] p = MeanHeadShape.frontSurfacePoint(40, 15);
      int n = 32;
      double[] lum = new double[n * n];
      for (int v = 0; v < n; v++) {
        for (int u = 0; u < n; u++) {
          albedo.albedo(p[0] + 0.25 * u, p[1] + 0.25 * v, p[2], rgb, 0);
          lum[v * n + u] = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        }
      }
      double sum = 0;
      double sumSq = 0;
      int count = 0;
      double total = 0;
      for (int v = 1; v < n - 1; v++) {
        for (int u = 1; u < n - 1; u++) {
          double local = 0;
          for (int dv = -1; dv <= 1; dv++) {
            for (int du = -1; du <= 1; du++) {
              local += lum[(v + dv) * n + u + du];
            }
          }
          double hp = lum[v * n + u] - local / 9;
          sum += hp;
          sumSq += hp * hp;
          total += lum[v * n + u];
          count++;
        }
      }
      double std = Math.sqrt(sumSq / count - sq(sum / count));
      double rel = std / (total / count);
      assertTrue(rel > CHEEK_TEXTURE_MIN, "cheek texture relative local std " + rel);
    }
  }

  @Test
  void frontalRenderShowsTheFaceWithAlbedoFromBarycentrics() throws IOException {
    RigDescription rig = BundledRigs.load("virtual-8cam");
    CameraSpec cam0 = rig.cameras().get(0);
    SyntheticSubject subject = SyntheticSubject.create(1, 1, model);
    PosedSubject posed = subject.pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    try (Rasterizer raster = new Rasterizer(RasterConfig.defaults().withThreads(1))) {
      RenderTarget t = raster.render(posed.mesh(), cam0.nominalModel(), cam0.worldToCamera());
      int cu = cam0.nominalModel().width() / 2;
      int cv = cam0.nominalModel().height() / 2;
      // The nose tip is the nearest visible point and sits near the image centre (the head faces camera 0).
      float min = Float.MAX_VALUE;
      int minU = -1;
      for (int v = 0; v < t.height(); v++) {
        for (int u = 0; u < t.width(); u++) {
          float z = t.depth.data[t.depth.indexOf(u, v)];
          if (z > 0 && z < min) {
            min = z;
            minU = u;
          }
        }
      }
      assertEquals(SubjectDistance.FORWARD.noseToCameraMm(), min, 3.0);
      assertEquals(cu, minU, 12);
      int tri = t.triangleId.data[t.triangleId.indexOf(cu, cv)];
      assertTrue(tri >= 0, "face at the image centre");
      float[] rgb = new float[3];
      int bi = t.barycentric.indexOf(cu, cv);
      posed.albedoAt(tri, t.barycentric.data[bi], t.barycentric.data[bi + 1], rgb, 0);
      assertTrue(rgb[0] > rgb[2], "skin is redder than blue: " + Arrays.toString(rgb));
    }
  }

  private static double[] noseDirection(RigidTransform headToWorld) {
    double[] d = new double[3];
    headToWorld.transformDirection(0, 0, -1, d, 0);
    return d;
  }

  private static double sq(double v) {
    return v * v;
  }
}
