package org.dpface.rigs.virtual.subject;

import java.util.Objects;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.Vec3;

/**
 * Where subjects stand in a rig: camera 0's pose and the rig's nominal subject centre (world frame,
 * mm). The subject faces camera 0: the head's +z axis (toward the back of the head) points from camera
 * 0's centre toward the subject centre, and the head's +y axis (down) is camera 0's image-down axis
 * made orthogonal to it; +x = y × z is then the subject's left, which camera 0 sees on its image right.
 *
 * @param camera0ToWorld camera 0's pose (OpenCV optical frame to world)
 * @param subjectCentreMm the nominal subject centre, world frame, mm (not at camera 0's centre)
 */
public record SubjectPlacement(RigidTransform camera0ToWorld, Vec3 subjectCentreMm) {
  public SubjectPlacement {
    Objects.requireNonNull(camera0ToWorld, "camera0ToWorld");
    Objects.requireNonNull(subjectCentreMm, "subjectCentreMm");
  }

  /** Camera 0 and the nominal subject centre of {@code rig}. */
  public static SubjectPlacement of(RigDescription rig) {
    return new SubjectPlacement(
        rig.cameras().get(0).cameraToWorld().toTransform(), rig.nominalGeometry().subjectCentreMm());
  }

  /**
   * {@code headToWorld} for a head whose nose tip is at {@code noseTipHead} (head frame, mm): the head
   * origin is placed on the ray from camera 0's centre through the subject centre, as far out as makes
   * the nose tip, in the front pose, exactly {@code distance.noseToCameraMm()} from camera 0's centre.
   * The direction's rotation then turns the head about its own origin (the neck pivot stays put), which
   * moves the nose tip by a few mm.
   */
  public RigidTransform headToWorld(HeadDirection direction, SubjectDistance distance, double[] noseTipHead) {
    double[] c0 = camera0ToWorld.translation();
    double[] z = {subjectCentreMm.x() - c0[0], subjectCentreMm.y() - c0[1], subjectCentreMm.z() - c0[2]};
    double zn = norm(z);
    if (!(zn > 1e-9)) {
      throw new IllegalArgumentException("subject centre coincides with camera 0's centre");
    }
    scale(z, 1 / zn);
    double[] down = {camera0ToWorld.r(0, 1), camera0ToWorld.r(1, 1), camera0ToWorld.r(2, 1)};
    double dot = down[0] * z[0] + down[1] * z[1] + down[2] * z[2];
    double[] y = {down[0] - dot * z[0], down[1] - dot * z[1], down[2] - dot * z[2]};
    double yn = norm(y);
    if (!(yn > 1e-6)) {
      throw new IllegalArgumentException("camera 0 looks straight down or up at the subject; no upright head");
    }
    scale(y, 1 / yn);
    double[] x = {y[1] * z[2] - y[2] * z[1], y[2] * z[0] - y[0] * z[2], y[0] * z[1] - y[1] * z[0]};
    double[] base = {x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]}; // columns = head axes
    double[] d = direction.rotation();
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i * 3 + j] = base[i * 3] * d[j] + base[i * 3 + 1] * d[3 + j] + base[i * 3 + 2] * d[6 + j];
      }
    }
    // Front pose: tip = c0 + s z + q with q = base * tip; solve |s z + q| = d for the larger root s.
    double[] q = new double[3];
    for (int i = 0; i < 3; i++) {
      q[i] = base[i * 3] * noseTipHead[0] + base[i * 3 + 1] * noseTipHead[1] + base[i * 3 + 2] * noseTipHead[2];
    }
    double zq = z[0] * q[0] + z[1] * q[1] + z[2] * q[2];
    double dd = distance.noseToCameraMm();
    double disc = zq * zq - (q[0] * q[0] + q[1] * q[1] + q[2] * q[2]) + dd * dd;
    if (!(disc > 0)) {
      throw new IllegalArgumentException("nose tip " + java.util.Arrays.toString(noseTipHead) + " too far from the head origin");
    }
    double s = -zq + Math.sqrt(disc);
    double[] t = {c0[0] + s * z[0], c0[1] + s * z[1], c0[2] + s * z[2]};
    return RigidTransform.of(r, t);
  }

  private static double norm(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }

  private static void scale(double[] v, double s) {
    v[0] *= s;
    v[1] *= s;
    v[2] *= s;
  }
}
