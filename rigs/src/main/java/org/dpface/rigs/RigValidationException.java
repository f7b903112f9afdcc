package org.dpface.rigs;

import java.io.IOException;
import java.util.List;

/**
 * A rig file (or a description built in code) is not valid. Carries every problem found, not just the
 * first; {@link #getMessage()} lists them one per line.
 */
public final class RigValidationException extends IOException {
  private final String source;
  private final transient List<RigProblem> problems;

  public RigValidationException(String source, List<RigProblem> problems) {
    super(render(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation exception needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The source label (file name) the problems refer to. */
  public String source() {
    return source;
  }

  /** All problems, in the order found (document order, then cross-reference checks). */
  public List<RigProblem> problems() {
    return problems;
  }

  private static String render(String source, List<RigProblem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": invalid rig description, ").append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (RigProblem p : problems) {
      sb.append(System.lineSeparator()).append("  ").append(p.message());
    }
    return sb.toString();
  }
}
