package org.dpface.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage reports: its status, a one-line summary, named figures (accuracy against the virtual
 * rig's truth, timings) and pictures (paths relative to the lab directory).
 *
 * @param status {@code done} or {@code pending} (a stage whose issue has not landed yet)
 * @param fingerprint the configuration the result was produced with; a resumed run reuses it only when
 *     the fingerprint matches
 */
public record StageResult(
    String id,
    String title,
    String status,
    String summary,
    Map<String, Object> metrics,
    List<String> pictures,
    String fingerprint,
    double seconds) {
  public static final String DONE = "done";
  public static final String PENDING = "pending";

  public StageResult {
    metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
    pictures = pictures == null ? List.of() : List.copyOf(pictures);
  }

  static StageResult done(Stage s, String summary, Map<String, Object> metrics, List<String> pictures) {
    return new StageResult(s.id(), s.title(), DONE, summary, metrics, pictures, null, 0);
  }

  StageResult withRun(String fp, double secs) {
    return new StageResult(id, title, status, summary, metrics, pictures, fp, secs);
  }
}
