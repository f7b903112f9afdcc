package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.take.RigBinning;

/**
 * The rig the demo's virtual captures use: the lab's {@code rig.json} (written by the rig stage; the
 * bundled rig when it is not there yet) binned {@value #BINNING} × {@value #BINNING}, or
 * {@value #QUICK_BINNING} × {@value #QUICK_BINNING} with {@code --quick}. One rule for every stage that
 * renders or calibrates (calibration takes and subject captures must see the same cameras).
 */
final class DemoRig {
  /** Binning of the default demo (virtual-8cam: 240x320 px cameras). */
  static final int BINNING = 2;
  /** Binning with {@code --quick} (virtual-8cam: 120x160 px cameras). */
  static final int QUICK_BINNING = 2;

  private DemoRig() {}

  /** The binning for this configuration. */
  static int binning(DemoConfig config) {
    return config.quick() ? QUICK_BINNING : BINNING;
  }

  /** The binned rig for this configuration, read from disk. */
  static RigDescription forConfig(DemoConfig config) throws IOException {
    Path lab = config.out().resolve(RigStage.RIG_FILE);
    RigDescription rig = Files.exists(lab) ? RigFiles.read(lab) : BundledRigs.load(config.rigId());
    return RigBinning.binned(rig, binning(config));
  }
}
