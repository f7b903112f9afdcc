package org.dpface.cli.calibrate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpface.calibration.takes.TakeCalibration;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.cli.Dpface;
import org.dpface.cli.rig.RigCommand;
import org.dpface.rigs.RigDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dpface calibrate cameras|projectors|dp|all --takes DIR --rig ID --out CAL_DIR}: calibration from the
 * calibration takes the capture controller stored ({@code capture-controller/DESIGN-storage.md}); the steps
 * of {@link TakeCalibration}, one progress line per take. Writes into {@code --out}: {@code calibration.json},
 * one OpenCV YAML per device, {@code report.json} and {@code pictures/} (corners per camera, residuals).
 */
abstract class TakesCalibrationCommand implements Callable<Integer> {
  @Option(names = "--takes", required = true, paramLabel = "DIR",
      description = "Calibration takes: a lab folder, its calibration/ area, one calibration session or one take.")
  Path takes;

  @Option(names = "--rig", required = true, paramLabel = "ID|FILE",
      description = "The rig the takes were captured on: a bundled rig id or a rig file (e.g. <lab>/rig.json).")
  String rig;

  @Option(names = "--out", required = true, paramLabel = "CAL_DIR", description = "Output folder (created).")
  Path out;

  @Option(names = "--sensor-bits", paramLabel = "BITS",
      description = "Bits of each DP half's raw values, overriding what the takes recorded (take.json sensorBits);"
          + " required for takes stored before the depth was recorded.")
  Integer sensorBits;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec CommandSpec spec;

  /** Runs this command's steps. */
  abstract void run(TakeCalibration cal, PrintWriter pw) throws Exception;

  @Override
  public Integer call() throws Exception {
    RigDescription r = RigCommand.load(rig);
    PrintWriter pw = spec.commandLine().getOut();
    TakeInputs in = TakeInputs.load(takes, r);
    pw.printf(Locale.ROOT, "%d board takes (%s), %d DP plane takes, rig %s%n", in.boards().size(),
        in.board().toSpecString(), in.planes().size(), r.id());
    pw.flush();
    TakeCalibration cal = new TakeCalibration(in, out, new TakeCalibration.Options(threads, sensorBits, line -> {
      pw.println(line);
      pw.flush();
    }));
    run(cal, pw);
    pw.println("wrote " + out.resolve(TakeCalibration.CALIBRATION_FILE) + " and " + out.resolve("report.json"));
    pw.flush();
    return Dpface.EXIT_OK;
  }

  /** {@code dpface calibrate cameras}. */
  @Command(name = "cameras", mixinStandardHelpOptions = true,
      description = "Calibrates every camera and its pose from the board takes' flat-lit frames.")
  static final class Cameras extends TakesCalibrationCommand {
    @Override
    void run(TakeCalibration cal, PrintWriter pw) throws Exception {
      cal.cameras();
    }
  }

  /** {@code dpface calibrate projectors}. */
  @Command(name = "projectors", mixinStandardHelpOptions = true,
      description = "Calibrates every projector from the board takes' SL frames (needs the cameras in --out).")
  static final class Projectors extends TakesCalibrationCommand {
    @Override
    void run(TakeCalibration cal, PrintWriter pw) throws Exception {
      cal.projectors();
    }
  }

  /** {@code dpface calibrate dp}. */
  @Command(name = "dp", mixinStandardHelpOptions = true,
      description = "Calibrates the DP coefficients (a, b) from the DP plane takes, their depth measured by "
          + "structured light (needs cameras and projectors in --out).")
  static final class Dp extends TakesCalibrationCommand {
    @Override
    void run(TakeCalibration cal, PrintWriter pw) throws Exception {
      cal.dp();
    }
  }

  /** {@code dpface calibrate all}. */
  @Command(name = "all", mixinStandardHelpOptions = true,
      description = "Cameras, then projectors, then DP coefficients (DP only when there are plane takes).")
  static final class All extends TakesCalibrationCommand {
    @Override
    void run(TakeCalibration cal, PrintWriter pw) throws Exception {
      cal.all();
    }
  }
}
