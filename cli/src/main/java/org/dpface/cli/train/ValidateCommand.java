package org.dpface.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.network.validate.DatasetValidation;
import org.dpface.network.validate.ValidationTables;
import org.dpface.network.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpface validate}: metrics, comparison table and pictures of trained runs on a split. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates trained RUN(s) on a dataset split against the constant-disparity floor: writes",
      "metrics.json (overall and per subject / expression / distance), metrics.md, metrics.html, pictures/."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN", description = "Training run directory.")
  Path model;

  @Option(names = "--compare", paramLabel = "RUN", split = ",", description = "Further runs in the comparison.")
  List<Path> compare;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--split", defaultValue = "test", description = "Split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--pictures", defaultValue = "4", description = "Samples with pictures (default: ${DEFAULT-VALUE}).")
  int pictures;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> runs = new ArrayList<>();
    runs.add(model);
    if (compare != null) {
      runs.addAll(compare);
    }
    Validator.Report r = DatasetValidation.validate(runs, dataset, split, out, pictures);
    var o = spec.commandLine().getOut();
    o.print(ValidationTables.markdown(r));
    o.println("-> " + out.resolve("metrics.json"));
    o.flush();
    return Dpface.EXIT_OK;
  }
}
