package org.dpface.cli.capture;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.Subject;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.storage.SubjectDataEraser;
import org.dpface.cli.Dpface;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpface subject add|list|withdraw}: pseudonymous subjects and their consent records. */
@Command(
    name = "subject",
    mixinStandardHelpOptions = true,
    description = "Subjects (pseudonymous IDs, no personal data) and their consent.",
    subcommands = {SubjectCommand.Add.class, SubjectCommand.ListSubjects.class, SubjectCommand.Withdraw.class})
public final class SubjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (add, list, withdraw)");
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Registers a subject with its consent; prints the new ID (sub-NNNN).")
  static final class Add implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
    Path lab;

    @Option(names = "--form", required = true, paramLabel = "VERSION", description = "Consent form version signed, e.g. v2.1.")
    String form;

    @Option(names = "--scopes", split = ",", defaultValue = "capture,dataset", paramLabel = "SCOPE",
        description = "What the subject consented to (default: ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(names = "--given", paramLabel = "DATE", description = "Date consent was given (default: today, UTC).")
    LocalDate given;

    @Option(names = "--expires", paramLabel = "DATE", description = "Last valid date of the consent, if any.")
    LocalDate expires;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ConsentRecord consent = new ConsentRecord(scopes, form, given == null ? today() : given,
          Optional.ofNullable(expires));
      Subject s = SubjectRegistry.open(lab).add(consent);
      spec.commandLine().getOut().println(s.id());
      spec.commandLine().getOut().flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the subjects and their consent.")
  static final class ListSubjects implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
    Path lab;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (Subject s : SubjectRegistry.open(lab).list()) {
        ConsentRecord c = s.consent();
        out.printf("%-9s form %-6s given %s%s scopes %s%s%n", s.id(), c.formVersion(), c.given(),
            c.expires().map(d -> " expires " + d).orElse(""), String.join(",", c.scopes()),
            s.withdrawn().map(d -> "  WITHDRAWN " + d).orElse(""));
      }
      out.flush();
      return Dpface.EXIT_OK;
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      description = "Records a withdrawal and deletes every raw session of the subject (logged in deletion-log.jsonl).")
  static final class Withdraw implements Callable<Integer> {
    @Parameters(paramLabel = "SUBJECT", description = "The subject ID, e.g. sub-0001.")
    String subject;

    @Option(names = "--lab", required = true, paramLabel = "DIR", description = "The lab folder.")
    Path lab;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Subject s = SubjectRegistry.open(lab).withdraw(subject, today(), new SubjectDataEraser(lab));
      spec.commandLine().getOut().println(s.id() + " withdrawn on " + s.withdrawn().orElseThrow()
          + "; raw sessions deleted");
      spec.commandLine().getOut().flush();
      return Dpface.EXIT_OK;
    }
  }
}
