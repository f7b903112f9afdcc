package org.dpface.cli.dataset;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.dataset.build.BuildListener;
import org.dpface.dataset.build.BuildPlan;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.build.LabBuild;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetProblem;
import org.dpface.dataset.store.DatasetStats;
import org.dpface.dataset.store.DatasetUpdate;
import org.dpface.dataset.store.DatasetVerifier;
import org.dpface.dataset.store.Withdrawal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpface dataset build|verify|stats|withdraw}: build, check and maintain an HDF5 dataset directory. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "HDF5 datasets: build from a capture lab, verify against the contract, print statistics, withdraw a subject.",
    subcommands = {DatasetCommand.Build.class, DatasetCommand.Verify.class, DatasetCommand.Stats.class, DatasetCommand.Withdraw.class})
public final class DatasetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (build, verify, stats, withdraw)");
  }

  static void requireDataset(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such dataset directory");
    }
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Registers each take's reconstructed mesh to every DP camera, runs QC per (take, camera, lamp step)",
        "sample and writes HDF5 shards, index, splits and manifest (QC exclusions with their reasons).",
        "Run again on the same --out it is incremental: takes whose inputs (frames, take.json, mesh, cameras,",
        "settings) are unchanged keep their samples and shard files untouched, new or changed takes are",
        "registered into new shards, samples of takes gone from the lab are dropped, subjects keep their split.",
        "--full rebuilds everything. Progress: one line per take and per registered camera, one per shard."
      })
  static final class Build implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "Capture lab folder (with rig.json).")
    Path lab;

    @Option(names = "--out", required = true, paramLabel = "DATASET", description = "Dataset directory (created or replaced).")
    Path out;

    @Option(names = "--recon", paramLabel = "DIR", description = "Reconstructed meshes <session>/<take>/mesh.ply (default: recon/ beside the lab).")
    Path recon;

    @Option(names = "--calibration", paramLabel = "FILE", description = "calibration.json (default: the rig's nominal cameras).")
    Path calibration;

    @Option(names = "--truth", paramLabel = "DIR", description = "Virtual-rig truth <session>/<take>/ to score registration against.")
    Path truth;

    @Option(names = "--size", paramLabel = "WxH", description = "Sample size (default: largest multiples of 16 that fit).")
    String size;

    @Option(names = "--seed", defaultValue = "0", description = "Split seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plan", paramLabel = "FILE", description = "Also write the registration/QC figures of the takes registered in this run (JSON) here.")
    Path planFile;

    @Option(names = "--full", description = "Register every take and draw splits afresh even if --out holds a dataset.")
    boolean full;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(lab)) {
        throw new IllegalArgumentException(lab + ": no such lab directory");
      }
      Path reconDir = recon != null ? recon : lab.toAbsolutePath().resolveSibling("recon");
      int[] wh = size == null ? DatasetBuilder.defaultSampleSize(DatasetBuilder.labRig(lab)) : parseSize(size);
      RegistrationConfig cfg = RegistrationConfig.defaults(wh[0], wh[1]);
      SampleShape shape = new SampleShape(cfg.sampleHeight(), cfg.sampleWidth(), 1);
      DpAxis axis = LabBuild.dpAxis(DatasetBuilder.labRig(lab));
      DatasetConfig base = DatasetConfig.defaults(shape, axis, Dpface.class.getPackage().getImplementationVersion() == null
          ? "dev" : Dpface.class.getPackage().getImplementationVersion(), Instant.now()).withSeed(seed);
      PrintWriter o = spec.commandLine().getOut();
      LabBuild.Result r = LabBuild.build(new DatasetBuilder.Inputs(lab, reconDir, calibration, truth), cfg, base, out, full,
          new Progress(o));
      BuildPlan plan = r.registered();
      if (planFile != null) {
        DatasetBuilder.writePlan(planFile, plan);
      }
      DatasetModel.Index index = r.index();
      DatasetUpdate.Result u = r.update();
      o.printf("built %s: %d sample(s) in %d shard(s), %d excluded by QC%n", out, index.samples().size(), index.shards().size(),
          r.exclusions().size());
      o.printf("  %s: %d take(s) registered, %d unchanged, %d gone; shards %d kept, %d rewritten, %d deleted, %d new%n",
          r.incremental() ? "incremental" : "full build", r.takesRegistered(), r.takesReused(), r.takesDropped(),
          u.shardsKept().size(), u.shardsRewritten().size(), u.shardsDeleted().size(), u.shardsAdded().size());
      for (DatasetModel.QcExclusion e : plan.exclusions()) {
        o.printf("  excluded %s: %s%n", e.sampleId(), e.reason());
      }
      if (plan.truthScore() != null) {
        BuildPlan.TruthScore t = plan.truthScore();
        o.printf(java.util.Locale.ROOT, "registration vs truth: |dZ| median %.4f mm, p95 %.4f mm; normals median %.3f deg, p95 %.3f deg%n",
            t.depthMedianMm(), t.depthP95Mm(), t.normalMedianDeg(), t.normalP95Deg());
      }
      o.flush();
      return Dpface.EXIT_OK;
    }

    /** Progress lines: one per take, one per registered camera, one per shard written. */
    private record Progress(PrintWriter out) implements BuildListener {
      @Override
      public void takeStarted(String take, int index, int count, boolean reused) {
        out.printf("take %d/%d %s%s%n", index, count, take, reused ? ": unchanged, samples kept" : "");
        out.flush();
      }

      @Override
      public void viewRegistered(String take, String camera, int index, int count, int passed, int steps) {
        out.printf("  camera %d/%d %s registered, %d/%d lamp step(s) pass QC%n", index, count, camera, passed, steps);
        out.flush();
      }

      @Override
      public void shardWritten(String file, int rows) {
        out.printf("  wrote %s (%d sample(s))%n", file, rows);
        out.flush();
      }
    }

    static int[] parseSize(String s) {
      String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
      if (p.length != 2) {
        throw new IllegalArgumentException("--size must be WxH, got " + s);
      }
      return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks checksums, shapes, element types, chunking and filters, index <-> shard consistency and split",
        "disjointness; lists every problem (file: field: what). Exit code 0 when valid, 1 when not."
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
    Path dir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      requireDataset(dir);
      List<DatasetProblem> problems = DatasetVerifier.verify(dir);
      if (problems.isEmpty()) {
        spec.commandLine().getOut().println(dir + ": valid");
        spec.commandLine().getOut().flush();
        return Dpface.EXIT_OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      for (DatasetProblem p : problems) {
        err.println(p.describe());
      }
      err.println("dpface: " + dir + ": " + problems.size() + " problem(s)");
      err.flush();
      return Dpface.EXIT_FAILURE;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, description = "Counts per split, camera and condition; bytes.")
  static final class Stats implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
    Path dir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      requireDataset(dir);
      spec.commandLine().getOut().print(DatasetStats.of(dir).format());
      spec.commandLine().getOut().flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = {
        "Consent withdrawal: removes a subject from every shard, the index, the splits and the manifest;",
        "affected shards are rewritten, a deletion log (subject as SHA-256 only) is kept."
      })
  static final class Withdraw implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
    Path dir;

    @Option(names = "--subject", required = true, paramLabel = "ID", description = "Pseudonymous subject ID, e.g. sub-0007.")
    String subject;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      requireDataset(dir);
      Withdrawal.Result r = Withdrawal.withdraw(dir, subject, Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      out.printf("withdrew %s: %d sample(s) removed, %d shard(s) rewritten, %d shard(s) deleted%n",
          subject, r.samplesRemoved(), r.shardsRewritten().size(), r.shardsDeleted().size());
      out.flush();
      return Dpface.EXIT_OK;
    }
  }
}
