package org.dpface.rigs.virtual.take;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.Intrinsics;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.RigDescription;

/**
 * A copy of a rig whose cameras and projectors are binned k × k: resolution / k (must divide), pixel
 * pitch × k, explicit intrinsics scaled (f / k, principal point (c + 1/2) / k − 1/2 with pixel centres
 * at integers). Poses, lenses, lamps and the trigger board are unchanged, so the optics (blur in mm on
 * the sensor) and the scene are the same, only sampled coarser: blur and disparity in pixels shrink by
 * k. Used for fast tests and previews of the full pipeline.
 */
public final class RigBinning {
  private RigBinning() {}

  /** The rig binned by {@code k} (>= 1); {@code k == 1} returns {@code rig}. */
  public static RigDescription binned(RigDescription rig, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("binning must be >= 1, got " + k);
    }
    if (k == 1) {
      return rig;
    }
    List<CameraSpec> cams = new ArrayList<>();
    for (CameraSpec c : rig.cameras()) {
      cams.add(new CameraSpec(c.id(), c.model() + " (binned " + k + "x" + k + ")", bin(c.resolution(), k, c.id()),
          c.pixelPitchUm() * k, c.lens(), c.dualPixel(), c.intrinsics().map(i -> bin(i, k)), c.driver(),
          c.cameraToWorld()));
    }
    List<ProjectorSpec> projs = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      Optional<Intrinsics> in = p.intrinsics().map(i -> bin(i, k));
      projs.add(new ProjectorSpec(p.id(), p.model(), bin(p.resolution(), k, p.id()), in, p.throwRatio(),
          p.driver(), p.projectorToWorld()));
    }
    return new RigDescription(rig.id() + "-bin" + k, rig.description() + " (binned " + k + "x" + k + ")",
        rig.worldFrame(), cams, projs, rig.lights(), rig.triggerBoard(), rig.nominalGeometry());
  }

  private static Resolution bin(Resolution r, int k, String id) {
    if (r.width() % k != 0 || r.height() % k != 0) {
      throw new IllegalArgumentException(id + ": resolution " + r + " is not divisible by " + k);
    }
    return new Resolution(r.width() / k, r.height() / k);
  }

  private static Intrinsics bin(Intrinsics i, int k) {
    return new Intrinsics(i.fx() / k, i.fy() / k, (i.cx() + 0.5) / k - 0.5, (i.cy() + 0.5) / k - 0.5,
        i.distortion());
  }
}
