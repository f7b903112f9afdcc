package org.dpface.cli;

import java.io.PrintWriter;
import org.dpface.cli.capture.CaptureCommand;
import org.dpface.cli.capture.SessionCommand;
import org.dpface.cli.capture.SubjectCommand;
import org.dpface.cli.dataset.DatasetCommand;
import org.dpface.cli.demo.DemoCommand;
import org.dpface.cli.reconstruct.ReconstructCommand;
import org.dpface.cli.rig.RigCommand;
import org.dpface.cli.train.TrainCommand;
import org.dpface.cli.train.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code dpface} command. Subcommands are grouped by pipeline stage (one package per stage under
 * {@code org.dpface.cli}); each stays thin and calls its module's library API.
 *
 * <p>Exit codes: 0 ok, 2 usage error, 1 failure with a one-line reason on stderr (the full stack trace
 * only with {@code --verbose}).
 */
@Command(
    name = "dpface",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Multi-camera structured-light rig -> dual-pixel face dataset -> trained DP depth/normal estimator.",
      ""
    },
    subcommands = {DemoCommand.class, RigCommand.class, SubjectCommand.class, SessionCommand.class,
        CaptureCommand.class, org.dpface.cli.calibrate.CalibrateCommand.class, ReconstructCommand.class, DatasetCommand.class, TrainCommand.class,
        ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Dpface implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and full stack traces on failure.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** Builds the configured command line (also used by tests, with their own writers). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    Dpface root = new Dpface();
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> EXIT_FAILURE);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("dpface: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          }
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof CommandLine.ParameterException pe) {
            throw pe;
          }
          c.getErr().println("dpface: " + oneLine(ex));
          if (root.verbose) {
            ex.printStackTrace(c.getErr());
          }
          c.getErr().flush();
          return EXIT_FAILURE;
        });
    cl.setExecutionStrategy(
        parseResult -> {
          Logging.configure(root.verbose);
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cl;
  }

  /** The one-line reason for a failure: the exception's message, or its type when it has none. */
  static String oneLine(Throwable ex) {
    Throwable t = ex;
    String msg = t.getMessage();
    // unwrap wrappers that add nothing (no message, or the default "Type: cause message")
    while (t.getCause() != null && (msg == null || msg.isBlank() || msg.equals(t.getCause().toString()))) {
      t = t.getCause();
      msg = t.getMessage();
    }
    if (msg == null || msg.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return msg.replace('\n', ' ').strip();
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
