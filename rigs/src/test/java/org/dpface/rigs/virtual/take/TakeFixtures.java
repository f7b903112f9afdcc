package org.dpface.rigs.virtual.take;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.image.GrayU8;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;

/**
 * Small, fast takes for the tests: {@code virtual-8cam} binned 4 × 4 (cameras 120 × 160, projectors
 * 200 × 150), the standard head of subject 1, and a 4-pattern sequence: white, black, vertical and
 * horizontal stripes.
 */
final class TakeFixtures {
  static final int BINNING = 4;
  static final int WHITE = 0;
  static final int BLACK = 1;

  private TakeFixtures() {}

  static RigDescription rig() {
    try {
      return RigBinning.binned(BundledRigs.load("virtual-8cam"), BINNING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PosedSubject subject(RigDescription rig) {
    HeadModel model = HeadModel.standard();
    return SyntheticSubject.create(1, 1, model).pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
  }

  /** White, black, vertical stripes (period 8 px), horizontal stripes (period 8 px). */
  static List<GrayU8> patterns(int w, int h) {
    List<GrayU8> p = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      GrayU8 g = new GrayU8(w, h);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean on = switch (k) {
            case 0 -> true;
            case 1 -> false;
            case 2 -> (x / 4) % 2 == 0;
            default -> (y / 4) % 2 == 0;
          };
          g.set(x, y, on ? 255 : 0);
        }
      }
      p.add(g);
    }
    return p;
  }

  static VirtualTakeConfig config() {
    return VirtualTakeConfig.defaults().withThreads(2).withSeed(7);
  }

  static VirtualTake take(RigDescription rig, PosedSubject subject, VirtualTakeConfig cfg) {
    return VirtualTake.prepare(rig, subject, patterns(rig.projectors().get(0).resolution().width(),
        rig.projectors().get(0).resolution().height()), cfg);
  }
}
