package org.dpface.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process invocation of the {@code dpface} command, as a user would type it. */
public record CliRun(int code, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Dpface.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
