package org.dpface.rigs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.geom.Rotations;

/**
 * How the bundled {@code virtual-8cam} rig was laid out; {@code BundledRigsTest} checks the bundled
 * file still equals {@link #build()}, so the numbers in the file keep their derivation.
 *
 * <p>Every device sits on a sphere of radius {@link #DISTANCE_MM} around the subject centre
 * C = (0, 0, 970) (world = camera 0's frame: x right, y down, z toward the subject) and looks at C with
 * image "up" = world −y. A device at yaw θ (positive toward +x) and elevation φ (positive up, i.e.
 * toward −y) sits at C + D (sin θ cos φ, −sin φ, −cos θ cos φ). Rotations are rounded to 1e-12 rad,
 * positions to 1e-6 mm, so the file stays readable.
 */
final class VirtualRigLayout {
  static final double DISTANCE_MM = 970;
  static final Vec3 CENTRE = new Vec3(0, 0, DISTANCE_MM);
  static final int BIN = 18;
  static final double PHYSICAL_PITCH_UM = 5.36;

  /** Camera (yaw, elevation) in degrees: front, ±30°, ±60° at eye level, two above, one below. */
  static final double[][] CAMERAS = {
    {0, 0}, {-30, 0}, {30, 0}, {-60, 0}, {60, 0}, {-20, 20}, {20, 20}, {0, -15}
  };

  /** Projector (yaw, elevation): left and right of centre, slightly above eye level. */
  static final double[][] PROJECTORS = {{-15, 5}, {15, 5}};

  /** Light (azimuth, elevation) of the direction toward each light, from the subject. */
  static final double[][] LIGHTS = {{-45, 35}, {45, 35}, {-75, 5}, {75, 5}, {0, 65}, {0, 10}};

  private VirtualRigLayout() {}

  static RigDescription build() {
    List<CameraSpec> cams = new ArrayList<>();
    List<ChannelMapping> channels = new ArrayList<>();
    for (int i = 0; i < CAMERAS.length; i++) {
      cams.add(new CameraSpec("cam" + i, "virtual DP camera (5D Mark IV-like, 18x18 binned)",
          new Resolution(480, 640), round(PHYSICAL_PITCH_UM * BIN, 9), new LensSpec(135, 5.6, 970),
          DualPixelSpec.of(SplitAxis.VERTICAL), Optional.empty(), DriverSpec.of("virtual"),
          poseAt(CAMERAS[i][0], CAMERAS[i][1])));
      channels.add(new ChannelMapping(channels.size(), "cam" + i, TriggerAction.SHUTTER));
    }
    List<ProjectorSpec> projs = new ArrayList<>();
    for (int i = 0; i < PROJECTORS.length; i++) {
      projs.add(new ProjectorSpec("proj" + i, "virtual projector", new Resolution(800, 600),
          Optional.empty(), OptionalDouble.of(2.0), DriverSpec.of("virtual"),
          poseAt(PROJECTORS[i][0], PROJECTORS[i][1])));
      channels.add(new ChannelMapping(channels.size(), "proj" + i, TriggerAction.PROJECTOR_ADVANCE));
    }
    List<LightSpec> lights = new ArrayList<>();
    for (int i = 0; i < LIGHTS.length; i++) {
      Vec3 d = direction(LIGHTS[i][0], LIGHTS[i][1]);
      lights.add(LightSpec.directional("light" + i,
          new Vec3(round(d.x(), 12), round(d.y(), 12), round(d.z(), 12)), DriverSpec.of("virtual")));
      channels.add(new ChannelMapping(channels.size(), "light" + i, TriggerAction.LIGHT));
    }
    return new RigDescription("virtual-8cam",
        "Virtual 8-camera DP rig modelled on the physical one: 135 mm f/5.6 focused at 970 mm, 5.36 um"
            + " pixels binned 18x18 to 480x640 portrait (96.48 um), vertical DP split; 2 projectors,"
            + " 6 directional lights, virtual trigger board",
        "camera 0 frame (cam0's optical frame: x right, y down, z toward the subject; mm)",
        cams, projs, lights, TriggerBoardSpec.virtual(16, channels), new NominalGeometry(CENTRE, 250));
  }

  /** Unit vector from C toward yaw/elevation (degrees). */
  static Vec3 direction(double yawDeg, double elevDeg) {
    double t = Math.toRadians(yawDeg);
    double p = Math.toRadians(elevDeg);
    return new Vec3(Math.sin(t) * Math.cos(p), -Math.sin(p), -Math.cos(t) * Math.cos(p));
  }

  /** deviceToWorld pose of a device at yaw/elevation on the sphere, looking at C. */
  static Pose poseAt(double yawDeg, double elevDeg) {
    Vec3 d = direction(yawDeg, elevDeg);
    double[] eye = {
      CENTRE.x() + DISTANCE_MM * d.x(), CENTRE.y() + DISTANCE_MM * d.y(), CENTRE.z() + DISTANCE_MM * d.z()
    };
    double[] worldToDevice = Rotations.lookAt(eye, CENTRE.toArray(), new double[] {0, -1, 0});
    double[] r = RigidTransform.of(worldToDevice, new double[3]).invert().rodrigues();
    return new Pose(new Vec3(round(r[0], 12), round(r[1], 12), round(r[2], 12)),
        new Vec3(round(eye[0], 6), round(eye[1], 6), round(eye[2], 6)));
  }

  /** {@code v} rounded to {@code decimals} decimal places (−0 becomes 0), e.g. 485.0 not 485.00000000000006. */
  static double round(double v, int decimals) {
    return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue() + 0.0;
  }
}
