package org.dpface.cli.rig;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpface.cli.Dpface;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.RigProblem;
import org.dpface.rigs.RigSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpface rig list|show|validate}: bundled rigs and rig description files. */
@Command(
    name = "rig",
    mixinStandardHelpOptions = true,
    description = "Rig descriptions: list the bundled rigs, show one, validate a file.",
    subcommands = {RigCommand.ListRigs.class, RigCommand.Show.class, RigCommand.Validate.class,
        org.dpface.cli.capture.RigStatusCommand.class})
public final class RigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (list, show, validate, status)");
  }

  /** Resolves ID|FILE: an existing file wins, otherwise a bundled id. */
  public static RigDescription load(String idOrFile) throws Exception {
    Path p = Path.of(idOrFile);
    if (Files.isRegularFile(p)) {
      return RigFiles.read(p);
    }
    if (BundledRigs.ids().contains(idOrFile)) {
      return BundledRigs.load(idOrFile);
    }
    throw new IllegalArgumentException(
        "\"" + idOrFile + "\" is neither a file nor a bundled rig; bundled rigs: " + String.join(", ", BundledRigs.ids()));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bundled rigs.")
  static final class ListRigs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (BundledRigs.Entry e : BundledRigs.list()) {
        out.printf("%-16s %s%n", e.id(), e.description());
      }
      out.flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows a rig: cameras, lenses, fields of view, projectors, lights, trigger channels.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID|FILE", description = "A bundled rig id or a rig file.")
    String rig;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.print(RigSummary.format(load(rig)));
      out.flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a rig file and lists every problem (file, JSON path, what was expected).",
        "Exit code 0 when valid, 1 when not."
      })
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Rig description file (JSON, // comments allowed).")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      List<RigProblem> problems = RigFiles.check(file);
      if (problems.isEmpty()) {
        spec.commandLine().getOut().println(file + ": valid");
        spec.commandLine().getOut().flush();
        return Dpface.EXIT_OK;
      }
      PrintWriter err = spec.commandLine().getErr();
      for (RigProblem p : problems) {
        err.println(p.message());
      }
      err.println("dpface: " + file + ": " + problems.size() + " problem(s)");
      err.flush();
      return Dpface.EXIT_FAILURE;
    }
  }
}
