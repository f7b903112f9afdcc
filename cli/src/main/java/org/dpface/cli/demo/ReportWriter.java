package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.core.io.AtomicFiles;

/** Writes {@code report.html}: one section per stage with its status, figures and pictures. */
final class ReportWriter {
  Path write(DemoConfig config, List<StageResult> results) throws IOException {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>dpface demo report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}")
        .append(".done{color:#176f2c}.pending{color:#8a6d00}img{max-width:280px;margin:4px;border:1px solid #ddd}")
        .append("figure{display:inline-block;margin:0 8px 8px 0}figcaption{font-size:.8em;color:#555}")
        .append("</style></head><body>\n<h1>dpface demo report</h1>\n<p>")
        .append(esc("rig " + config.rigId() + ", " + config.subjects() + " subject(s), quick=" + config.quick()
            + ", seed " + config.seed() + "; written " + Instant.now()))
        .append("</p>\n<h2>Stages</h2>\n<table><tr><th>#</th><th>stage</th><th>status</th><th>summary</th><th>time (s)</th></tr>\n");
    for (int i = 0; i < results.size(); i++) {
      StageResult r = results.get(i);
      h.append("<tr><td>").append(i + 1).append("</td><td><a href=\"#").append(esc(r.id())).append("\">")
          .append(esc(r.id())).append("</a></td><td class=\"").append(esc(r.status())).append("\">")
          .append(esc(r.status())).append("</td><td>").append(esc(r.summary())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f", r.seconds())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (StageResult r : results) {
      h.append("<h2 id=\"").append(esc(r.id())).append("\">").append(esc(r.title())).append("</h2>\n<p class=\"")
          .append(esc(r.status())).append("\">").append(esc(r.status() + ": " + r.summary())).append("</p>\n");
      if (!r.metrics().isEmpty()) {
        h.append("<table><tr><th>figure</th><th>value</th></tr>\n");
        for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
          h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(format(e.getValue())))
              .append("</td></tr>\n");
        }
        h.append("</table>\n");
      }
      for (String pic : r.pictures()) {
        h.append("<figure><a href=\"").append(esc(pic)).append("\"><img src=\"").append(esc(pic))
            .append("\" alt=\"").append(esc(pic)).append("\"></a><figcaption>").append(esc(pic))
            .append("</figcaption></figure>\n");
      }
    }
    h.append("</body></html>\n");
    Path out = config.out().resolve("report.html");
    AtomicFiles.write(out, h.toString().getBytes(StandardCharsets.UTF_8));
    return out;
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
