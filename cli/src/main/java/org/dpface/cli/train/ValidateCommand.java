package org.dpface.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.core.io.AtomicFiles;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.network.data.ListSampleSource;
import org.dpface.network.validate.ConstantDisparityPredictor;
import org.dpface.network.validate.DatasetValidation;
import org.dpface.network.validate.RunValidation;
import org.dpface.network.validate.ValidationTables;
import org.dpface.network.validate.Validator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpface validate}: metrics, comparison table and pictures of trained runs on a dataset split, or on a
 * freshly captured session whose ground truth is reconstructed and registered on the fly ({@link SessionSamples}).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates trained RUN(s) on a dataset split (--dataset) or on a captured session (--session) against the",
      "constant-disparity floor: writes metrics.json (overall and per subject / expression / distance), metrics.md,",
      "metrics.html, pictures/. --session reconstructs every COMPLETE take of <lab>/sessions/<id> from its frames,",
      "registers the mesh to every DP view and runs QC exactly as 'dataset build' does, then validates in memory",
      "(also writes session.json: takes, QC exclusions); the floor is the mean disparity of the first run's",
      "training dataset when it is still readable. A subject who withdrew consent is refused."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN", description = "Training run directory.")
  Path model;

  @Option(names = "--compare", paramLabel = "RUN", split = ",", description = "Further runs in the comparison.")
  List<Path> compare;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Exactly one of a dataset or a session. */
  static final class Source {
    @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset directory.")
    Path dataset;

    @Option(names = "--session", paramLabel = "DIR", description = "A captured session folder (<lab>/sessions/<session>).")
    Path session;
  }

  @Option(names = "--split", defaultValue = "test", description = "Dataset split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--pictures", defaultValue = "4", description = "Samples with pictures (default: ${DEFAULT-VALUE}).")
  int pictures;

  @Option(names = "--calibration", paramLabel = "FILE",
      description = "--session: calibration.json for reconstruction and registration (default: the rig's nominal models).")
  Path calibration;

  @Option(names = "--size", paramLabel = "WxH",
      description = "--session: sample size (default: as 'dataset build', the largest multiples of 16 that fit).")
  String size;

  @Option(names = "--voxel", defaultValue = "1.0", paramLabel = "MM", description = "--session: fusion voxel (default: ${DEFAULT-VALUE} mm).")
  double voxelMm;

  @Option(names = "--sensor-bits", paramLabel = "N",
      description = "--session: bits of each DP half, overriding what each take recorded (needed for takes stored before it was).")
  Integer sensorBits;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "--session: reconstruction threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> runs = new ArrayList<>();
    runs.add(model);
    if (compare != null) {
      runs.addAll(compare);
    }
    PrintWriter o = spec.commandLine().getOut();
    Validator.Report r;
    if (source.dataset != null) {
      if (calibration != null || size != null) {
        throw new ParameterException(spec.commandLine(), "--calibration and --size go with --session");
      }
      r = DatasetValidation.validate(runs, source.dataset, split, out, pictures);
    } else {
      r = validateSession(runs, o);
    }
    o.print(ValidationTables.markdown(r));
    o.println("-> " + out.resolve("metrics.json"));
    o.flush();
    return Dpface.EXIT_OK;
  }

  private Validator.Report validateSession(List<Path> runs, PrintWriter o) throws Exception {
    SessionSamples.Settings settings = new SessionSamples.Settings(calibration, sensorBits, voxelMm, threads,
        size == null ? null : parseSize(size));
    SessionSamples.Result s = SessionSamples.build(source.session, settings, line -> {
      o.println(line);
      o.flush();
    });
    if (s.samples().isEmpty()) {
      throw new IOException("no sample of session " + s.sessionId() + " passed QC (" + s.exclusions().size()
          + " excluded; first: " + (s.exclusions().isEmpty() ? "-" : s.exclusions().get(0).reason()) + ")");
    }
    ConstantDisparityPredictor floor = RunValidation.trainingFloor(runs.get(0)).orElse(null);
    if (floor == null) {
      o.println("no constant-disparity floor: the training dataset of " + runs.get(0) + " is not readable");
    }
    Validator.Report r = RunValidation.validate(runs, new ListSampleSource(s.samples()), floor,
        source.session.toString(), "session", out, pictures);
    writeSessionJson(s, out.resolve("session.json"));
    return r;
  }

  /** {@code session.json}: what the session gave (format dpface-validation-session, version 1). */
  static void writeSessionJson(SessionSamples.Result s, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("format", "dpface-validation-session").put("version", 1)
        .put("session", s.sessionId()).put("subject", s.subjectId()).put("samples", s.samples().size())
        .put("width", s.width()).put("height", s.height());
    ArrayNode takes = root.putArray("takes");
    for (SessionSamples.TakeSummary t : s.takes()) {
      takes.addObject().put("take", t.takeId()).put("spec", t.spec()).put("meshVertices", t.vertices())
          .put("reconstructSeconds", t.reconstructSeconds()).put("samples", t.samples()).put("excluded", t.excluded());
    }
    ArrayNode ex = root.putArray("qcExclusions");
    for (DatasetModel.QcExclusion e : s.exclusions()) {
      ex.addObject().put("sampleId", e.sampleId()).put("reason", e.reason());
    }
    ArrayNode prov = root.putArray("cameraSources");
    s.provenance().forEach(prov::add);
    AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  static int[] parseSize(String s) {
    String[] p = s.toLowerCase(Locale.ROOT).split("x");
    try {
      if (p.length == 2) {
        return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--size must be WxH (e.g. 64x80), got " + s);
  }
}
