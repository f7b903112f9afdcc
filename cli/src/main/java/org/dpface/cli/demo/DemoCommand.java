package org.dpface.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpface demo}: the whole pipeline on the virtual rig, with a report. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline on the virtual rig in a lab directory and writes report.html.",
      "A second run with the same --out continues where the first stopped.",
      "Exit status: 0 all stages done within the accuracy bounds; 1 a stage failed; 2 usage;",
      "3 every stage done but a truth-based accuracy bound failed (printed as ACCURACY FAILED, red in the report)."
    })
public final class DemoCommand implements Callable<Integer> {
  /**
   * Exit status when every stage finished but a truth-based accuracy bound failed (the run's outputs are kept):
   * distinct from a stage failing (1) and a usage error (2), so a script or CI can tell a regression apart.
   */
  public static final int EXIT_ACCURACY = 3;

  @Option(names = "--out", description = "Lab directory (default: ${DEFAULT-VALUE}).", defaultValue = "dpface-out/demo")
  Path out;

  @Option(names = "--rig", description = "Bundled rig id (default: ${DEFAULT-VALUE}).", defaultValue = "virtual-8cam")
  String rig;

  @Option(names = "--subjects", description = "Synthetic subjects (default: ${DEFAULT-VALUE}).", defaultValue = "4")
  int subjects;

  @Option(names = "--quick", description = "Smaller images and fewer poses.")
  boolean quick;

  @Option(names = "--seed", description = "Seed of every random process (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (subjects < 1) {
      throw new ParameterException(spec.commandLine(), "--subjects must be >= 1, got " + subjects);
    }
    DemoConfig config = new DemoConfig(out.toAbsolutePath().normalize(), rig, subjects, quick, seed);
    List<StageResult> results = DemoPipeline.standard().run(config);
    var w = spec.commandLine().getOut();
    for (StageResult r : results) {
      w.printf("%-12s %-8s %s%n", r.id(), r.status(), r.summary());
    }
    List<AccuracyBounds.Outcome> outcomes = AccuracyBounds.evaluate(results);
    for (AccuracyBounds.Outcome o : failedBounds(outcomes)) {
      w.printf("ACCURACY FAILED %s: %s = %s (bound %s; %s)%n", o.check().stage(), o.check().metric(),
          o.value() == null ? "missing" : AccuracyBounds.trim(o.value()), o.check().boundText(), o.problem());
    }
    w.println("report: " + config.out().resolve("report.html"));
    w.flush();
    return failedBounds(outcomes).isEmpty() ? Dpface.EXIT_OK : EXIT_ACCURACY;
  }

  /** The truth-based bounds that failed (model-quality comparisons are reported, never fail the run). */
  static List<AccuracyBounds.Outcome> failedBounds(List<AccuracyBounds.Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.verdict() == AccuracyBounds.Verdict.FAIL
        && o.check().severity() == AccuracyBounds.Severity.BOUND).toList();
  }
}
