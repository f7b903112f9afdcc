package org.dpface.rigs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/** Random valid rig descriptions from a seed (same seed, same rig), for property tests. */
final class RandomRigs {
  private static final String CHARS = "abcXYZ 0189-_./\"\\'é€\t\n{}[]:,";

  private RandomRigs() {}

  static RigDescription generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> ids = new ArrayList<>();
    List<CameraSpec> cams = new ArrayList<>();
    int nCam = 1 + r.nextInt(4);
    for (int i = 0; i < nCam; i++) {
      String id = "cam-" + i + "." + r.nextInt(100);
      ids.add(id);
      Resolution res = new Resolution(1 + r.nextInt(8000), 1 + r.nextInt(8000));
      double f = 5 + r.nextDouble() * 400;
      LensSpec lens = new LensSpec(f, 0.95 + r.nextDouble() * 30, f * (1.01 + r.nextDouble() * 50));
      DualPixelSpec dp = r.nextBoolean() ? DualPixelSpec.none()
          : DualPixelSpec.of(r.nextBoolean() ? SplitAxis.HORIZONTAL : SplitAxis.VERTICAL);
      Optional<Intrinsics> intr = r.nextBoolean() ? Optional.empty() : Optional.of(intrinsics(r, res));
      cams.add(new CameraSpec(id, string(r), res, 0.5 + r.nextDouble() * 100, lens, dp, intr, driver(r), pose(r)));
    }
    List<ProjectorSpec> projs = new ArrayList<>();
    int nProj = r.nextInt(3);
    for (int i = 0; i < nProj; i++) {
      String id = "proj_" + i;
      ids.add(id);
      Resolution res = new Resolution(1 + r.nextInt(4000), 1 + r.nextInt(4000));
      boolean useIntrinsics = r.nextBoolean();
      projs.add(new ProjectorSpec(id, string(r), res,
          useIntrinsics ? Optional.of(intrinsics(r, res)) : Optional.empty(),
          useIntrinsics ? OptionalDouble.empty() : OptionalDouble.of(0.2 + r.nextDouble() * 5),
          driver(r), pose(r)));
    }
    List<LightSpec> lights = new ArrayList<>();
    int nLight = r.nextInt(4);
    for (int i = 0; i < nLight; i++) {
      String id = "L" + i;
      ids.add(id);
      lights.add(r.nextBoolean()
          ? LightSpec.directional(id, unit(r), driver(r))
          : LightSpec.point(id, vec(r, 3000), driver(r)));
    }
    List<ChannelMapping> wiring = new ArrayList<>();
    for (CameraSpec c : cams) {
      wiring.add(new ChannelMapping(-1, c.id(), TriggerAction.SHUTTER));
      if (r.nextBoolean()) {
        wiring.add(new ChannelMapping(-1, c.id(), TriggerAction.FOCUS));
      }
    }
    projs.forEach(p -> wiring.add(new ChannelMapping(-1, p.id(), TriggerAction.PROJECTOR_ADVANCE)));
    lights.forEach(l -> wiring.add(new ChannelMapping(-1, l.id(), TriggerAction.LIGHT)));
    int count = wiring.size() + r.nextInt(9);
    List<Integer> free = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      free.add(c);
    }
    Collections.shuffle(free, new java.util.Random(r.nextLong()));
    List<ChannelMapping> channels = new ArrayList<>();
    for (int i = 0; i < wiring.size(); i++) {
      channels.add(new ChannelMapping(free.get(i), wiring.get(i).target(), wiring.get(i).action()));
    }
    TriggerBoardSpec board = r.nextBoolean()
        ? TriggerBoardSpec.virtual(count, channels)
        : TriggerBoardSpec.serial("/dev/ttyACM" + r.nextInt(4), 9600 * (1 + r.nextInt(24)), count, channels);
    return new RigDescription("rig-" + Long.toHexString(seed), string(r), string(r), cams, projs, lights, board,
        new NominalGeometry(vec(r, 2000), 1 + r.nextDouble() * 500));
  }

  private static Intrinsics intrinsics(SplittableRandom r, Resolution res) {
    int[] counts = {0, 4, 5, 8};
    double[] d = new double[counts[r.nextInt(4)]];
    for (int k = 0; k < d.length; k++) {
      d[k] = (r.nextDouble() - 0.5) * 0.5;
    }
    double f = 100 + r.nextDouble() * 30000;
    return new Intrinsics(f, f * (0.99 + 0.02 * r.nextDouble()), r.nextDouble() * res.width(),
        r.nextDouble() * res.height(), d);
  }

  private static DriverSpec driver(SplittableRandom r) {
    String[] types = {"virtual", "hot-folder", "ffmpeg", "display", "trigger"};
    ObjectNode settings = JsonNodeFactory.instance.objectNode();
    if (r.nextBoolean()) {
      settings.put("directory", "/data/" + string(r));
      settings.put("timeoutMs", r.nextInt(100000));
      settings.put("gain", r.nextDouble());
      settings.putObject("nested").putArray("list").add(1).add("two").add(true).addNull();
    }
    return new DriverSpec(types[r.nextInt(types.length)], settings);
  }

  private static Pose pose(SplittableRandom r) {
    Vec3 axis = unit(r);
    double angle = r.nextDouble() * Math.PI;
    return new Pose(new Vec3(axis.x() * angle, axis.y() * angle, axis.z() * angle), vec(r, 2000));
  }

  private static Vec3 unit(SplittableRandom r) {
    while (true) {
      Vec3 v = vec(r, 1);
      double n = v.norm();
      if (n > 0.1 && n <= 1) {
        return new Vec3(v.x() / n, v.y() / n, v.z() / n);
      }
    }
  }

  private static Vec3 vec(SplittableRandom r, double scale) {
    return new Vec3((2 * r.nextDouble() - 1) * scale, (2 * r.nextDouble() - 1) * scale,
        (2 * r.nextDouble() - 1) * scale);
  }

  private static String string(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
    }
    return sb.toString();
  }
}
