package org.dpface.cli.dataset;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.dataset.store.DatasetProblem;
import org.dpface.dataset.store.DatasetStats;
import org.dpface.dataset.store.DatasetVerifier;
import org.dpface.dataset.store.Withdrawal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpface dataset verify|stats|withdraw}: checks and maintenance of an HDF5 dataset directory. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "HDF5 datasets: verify against the contract, print statistics, withdraw a subject.",
    subcommands = {DatasetCommand.Verify.class, DatasetCommand.Stats.class, DatasetCommand.Withdraw.class})
public final class DatasetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (verify, stats, withdraw)");
  }

  static void requireDataset(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such dataset directory");
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
