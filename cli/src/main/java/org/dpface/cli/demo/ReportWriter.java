package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.core.io.AtomicFiles;

/**
 * Writes {@code report.html}: the truth-based accuracy of every stage against {@link AccuracyBounds} (pass/fail)
 * first, then the stage table, then one section per stage with its status, figures and pictures (PNGs beside the
 * HTML), and the validation metrics table against the baselines. A NaN, infinite or missing figure shows as a
 * failure, never as a number.
 */
final class ReportWriter {
  Path write(DemoConfig config, List<StageResult> results) throws IOException {
    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>dpface demo report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
        .append(".done,.pass{color:#176f2c}.pending,.not-run{color:#8a6d00}.fail{color:#fff;background:#b3261e;font-weight:bold}")
        .append("img{max-width:100%;max-height:340px;margin:4px;border:1px solid #ddd}")
        .append("figure{display:inline-block;margin:0 8px 8px 0}figcaption{font-size:.8em;color:#555}")
        .append("</style></head><body>\n<h1>dpface demo report</h1>\n<p>")
        .append(esc("rig " + config.rigId() + ", " + config.subjects() + " subject(s), quick=" + config.quick()
            + ", seed " + config.seed() + "; written " + Instant.now()))
        .append("</p>\n");
    accuracy(h, results);
    h.append("<h2>Stages</h2>\n<table><tr><th>#</th><th>stage</th><th>status</th><th>summary</th><th>time (s)</th></tr>\n");
    double total = 0;
    for (int i = 0; i < results.size(); i++) {
      StageResult r = results.get(i);
      total += r.seconds();
      h.append("<tr><td>").append(i + 1).append("</td><td><a href=\"#").append(esc(r.id())).append("\">")
          .append(esc(r.id())).append("</a></td><td class=\"").append(esc(r.status())).append("\">")
          .append(esc(r.status())).append("</td><td>").append(esc(r.summary())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f", r.seconds())).append("</td></tr>\n");
    }
    h.append("<tr><td></td><td>total</td><td></td><td>(stages reused from an earlier run count their first run's time)</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", total)).append("</td></tr>\n</table>\n");
    for (StageResult r : results) {
      h.append("<h2 id=\"").append(esc(r.id())).append("\">").append(esc(r.title())).append("</h2>\n<p class=\"")
          .append(esc(r.status())).append("\">").append(esc(r.status() + ": " + r.summary())).append("</p>\n");
      for (String pic : r.pictures()) {
        h.append("<figure><a href=\"").append(esc(pic)).append("\"><img src=\"").append(esc(pic)).append("\" alt=\"").append(esc(pic)).append("\"></a><figcaption>")
            .append(esc(pic)).append("</figcaption></figure>\n");
      }
      if (!r.metrics().isEmpty()) {
        h.append("<table><tr><th>figure</th><th>value</th></tr>\n");
        for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
          h.append("<tr><td>").append(esc(e.getKey())).append("</td>").append(valueCell(e.getValue())).append("</tr>\n");
        }
        h.append("</table>\n");
      }
      Object table = r.metrics().get("table");
      if (table instanceof String md && md.endsWith(".md")) {
        validationTables(h, config.out().resolve(md.substring(0, md.length() - 3) + ".html"));
      }
    }
    h.append("</body></html>\n");
    Path out = config.out().resolve("report.html");
    AtomicFiles.write(out, h.toString().getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** The accuracy summary: one row per check of {@link AccuracyBounds}, failures first in the heading. */
  private static void accuracy(StringBuilder h, List<StageResult> results) {
    List<AccuracyBounds.Outcome> outcomes = AccuracyBounds.evaluate(results);
    long failed = outcomes.stream().filter(o -> o.verdict() == AccuracyBounds.Verdict.FAIL
        && o.check().severity() == AccuracyBounds.Severity.BOUND).count();
    long weak = outcomes.stream().filter(o -> o.verdict() == AccuracyBounds.Verdict.FAIL
        && o.check().severity() == AccuracyBounds.Severity.QUALITY).count();
    long notRun = outcomes.stream().filter(o -> o.verdict() == AccuracyBounds.Verdict.NOT_RUN).count();
    h.append("<h2>Accuracy against the truth</h2>\n<p class=\"").append(failed > 0 ? "fail" : "pass").append("\">")
        .append(esc(failed == 0 ? "every accuracy bound that ran passes" : failed + " accuracy bound(s) FAILED"))
        .append("</p>\n<p>").append(esc((outcomes.size() - notRun) + " of " + outcomes.size() + " checks ran; "
            + weak + " model-quality comparison(s) after brief training not met. Bounds are those the integration "
            + "test (DemoPipelineTest) asserts at tiny size; quality comparisons are reported, not asserted."))
        .append("</p>\n<table><tr><th>stage</th><th>figure</th><th>value</th><th>bound</th><th>verdict</th><th>what</th></tr>\n");
    for (AccuracyBounds.Outcome o : outcomes) {
      AccuracyBounds.Check c = o.check();
      String verdict = switch (o.verdict()) {
        case PASS -> "pass";
        case NOT_RUN -> "not run";
        case FAIL -> c.severity() == AccuracyBounds.Severity.BOUND ? "FAIL" : "not met";
      };
      String cls = switch (o.verdict()) {
        case PASS -> "pass";
        case NOT_RUN -> "not-run";
        case FAIL -> c.severity() == AccuracyBounds.Severity.BOUND ? "fail" : "pending";
      };
      String value = o.value() == null ? (o.verdict() == AccuracyBounds.Verdict.NOT_RUN ? "–" : "missing")
          : AccuracyBounds.trim(o.value());
      h.append("<tr><td><a href=\"#").append(esc(c.stage())).append("\">").append(esc(c.stage())).append("</a></td><td>")
          .append(esc(c.metric())).append("</td><td").append(o.verdict() == AccuracyBounds.Verdict.FAIL ? " class=\"" + cls + "\"" : "")
          .append(">").append(esc(value)).append("</td><td>").append(esc(c.boundText())).append("</td><td class=\"")
          .append(cls).append("\">").append(esc(verdict)).append("</td><td>")
          .append(esc(c.note() + (o.problem().isEmpty() ? "" : " — " + o.problem()))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** A figure's cell: NaN or infinite numbers (also as JSON strings) show as a visible failure. */
  private static String valueCell(Object v) {
    if (AccuracyBounds.failedNumber(v)) {
      return "<td class=\"fail\">FAILED: " + esc(String.valueOf(v)) + "</td>";
    }
    return "<td>" + esc(format(v)) + "</td>";
  }

  /**
   * The validation tables (the HTML fragment {@code validate} writes beside its markdown, e.g.
   * {@code validation/metrics.html}); a cell without a finite value ({@code –}) is marked as a failure.
   */
  static void validationTables(StringBuilder h, Path html) throws IOException {
    if (!Files.isRegularFile(html)) {
      return;
    }
    h.append("<h3>Metrics against the baselines (").append(esc(html.getFileName().toString())).append(")</h3>\n")
        .append(Files.readString(html, StandardCharsets.UTF_8)
            .replace("<td>–</td>", "<td class=\"fail\" title=\"missing or not a finite number\">FAILED (no finite value)</td>"));
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.4g", d);
    }
    if (v instanceof Float f) {
      return String.format(Locale.ROOT, "%.4g", f);
    }
    return String.valueOf(v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
