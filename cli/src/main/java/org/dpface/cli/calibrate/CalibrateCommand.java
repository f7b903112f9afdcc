package org.dpface.cli.calibrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpface calibrate ...}: calibration from images on disk. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = "Calibration from images on disk.",
    subcommands = {CalibrateCameraCommand.class, CalibrateProjectorCommand.class, TakesCalibrationCommand.Cameras.class,
        TakesCalibrationCommand.Projectors.class, TakesCalibrationCommand.Dp.class, TakesCalibrationCommand.All.class})
public final class CalibrateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (camera, projector, cameras, projectors, dp, all)");
  }
}
