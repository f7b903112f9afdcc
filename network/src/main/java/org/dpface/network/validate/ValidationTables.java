package org.dpface.network.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison tables of a {@link Validator.Report}: one row per predictor with the headline
 * metrics, then per breakdown dimension one row per (predictor, group). As Markdown
 * ({@code metrics.md}) and as an HTML fragment ({@code metrics.html}, a {@code <div>} that a report
 * page embeds).
 */
public final class ValidationTables {
  /** Headline columns: metric name → header. */
  static final List<String[]> COLUMNS = List.of(
      new String[] {"dispMae", "disp MAE px"}, new String[] {"absRel", "AbsRel"},
      new String[] {"absDiff", "AbsDiff mm"}, new String[] {"rmse", "RMSE mm"},
      new String[] {"delta1.01", "δ<1.01"}, new String[] {"delta1.01^2", "δ<1.01²"},
      new String[] {"aiwe1", "AIWE1 1/m"}, new String[] {"aiwe2", "AIWE2 1/m"},
      new String[] {"1-|spearman|", "1−|ρs|"}, new String[] {"normalMeanDeg", "normal mean °"},
      new String[] {"normal<11.25", "n<11.25°"});
  /** Columns of the breakdown tables. */
  static final List<String[]> GROUP_COLUMNS = List.of(
      new String[] {"dispMae", "disp MAE px"}, new String[] {"absRel", "AbsRel"},
      new String[] {"absDiff", "AbsDiff mm"}, new String[] {"normalMeanDeg", "normal mean °"});

  private ValidationTables() {}

  /** Markdown tables. */
  public static String markdown(Validator.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Validation on %s, split %s, %d samples%n%n", r.dataset(), r.split(), r.samples()));
    sb.append("| model | kind |");
    COLUMNS.forEach(c -> sb.append(' ').append(c[1]).append(" |"));
    sb.append(" s/sample |\n|---|---|");
    COLUMNS.forEach(c -> sb.append("---:|"));
    sb.append("---:|\n");
    for (Validator.ModelResult m : r.models()) {
      sb.append("| ").append(m.name()).append(" | ").append(m.kind()).append(" |");
      Map<String, Double> o = m.metrics().overall();
      COLUMNS.forEach(c -> sb.append(' ').append(fmt(o.get(c[0]))).append(" |"));
      sb.append(' ').append(fmt(m.secondsPerSample())).append(" |\n");
    }
    for (String dim : Validator.DIMENSIONS) {
      if (r.models().get(0).metrics().byGroup().get(dim) == null) {
        continue;
      }
      sb.append("\nBy ").append(dim).append("\n\n| model | ").append(dim).append(" | samples |");
      GROUP_COLUMNS.forEach(c -> sb.append(' ').append(c[1]).append(" |"));
      sb.append("\n|---|---|---:|");
      GROUP_COLUMNS.forEach(c -> sb.append("---:|"));
      sb.append('\n');
      for (Validator.ModelResult m : r.models()) {
        Map<String, Integer> counts = m.metrics().groupCounts().get(dim);
        m.metrics().byGroup().get(dim).forEach((value, metrics) -> {
          sb.append("| ").append(m.name()).append(" | ").append(value).append(" | ").append(counts.get(value)).append(" |");
          GROUP_COLUMNS.forEach(c -> sb.append(' ').append(fmt(metrics.get(c[0]))).append(" |"));
          sb.append('\n');
        });
      }
    }
    return sb.toString();
  }

  /** An HTML fragment with the same tables. */
  public static String html(Validator.Report r) {
    StringBuilder sb = new StringBuilder("<div class=\"dpface-validation\">\n");
    sb.append(String.format(Locale.ROOT, "<p>Validation on %s, split %s, %d samples</p>%n",
        esc(r.dataset()), esc(r.split()), r.samples()));
    sb.append("<table>\n<tr><th>model</th><th>kind</th>");
    COLUMNS.forEach(c -> sb.append("<th>").append(esc(c[1])).append("</th>"));
    sb.append("<th>s/sample</th></tr>\n");
    for (Validator.ModelResult m : r.models()) {
      sb.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(m.kind()).append("</td>");
      Map<String, Double> o = m.metrics().overall();
      COLUMNS.forEach(c -> sb.append("<td>").append(fmt(o.get(c[0]))).append("</td>"));
      sb.append("<td>").append(fmt(m.secondsPerSample())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
    for (String dim : Validator.DIMENSIONS) {
      if (r.models().get(0).metrics().byGroup().get(dim) == null) {
        continue;
      }
      sb.append("<p>By ").append(dim).append("</p>\n<table>\n<tr><th>model</th><th>").append(dim)
          .append("</th><th>samples</th>");
      GROUP_COLUMNS.forEach(c -> sb.append("<th>").append(esc(c[1])).append("</th>"));
      sb.append("</tr>\n");
      for (Validator.ModelResult m : r.models()) {
        Map<String, Integer> counts = m.metrics().groupCounts().get(dim);
        m.metrics().byGroup().get(dim).forEach((value, metrics) -> {
          sb.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(esc(value))
              .append("</td><td>").append(counts.get(value)).append("</td>");
          GROUP_COLUMNS.forEach(c -> sb.append("<td>").append(fmt(metrics.get(c[0]))).append("</td>"));
          sb.append("</tr>\n");
        });
      }
      sb.append("</table>\n");
    }
    return sb.append("</div>\n").toString();
  }

  static String fmt(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a != 0 && (a < 0.01 || a >= 1e5) ? "%.3g" : "%.4f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
