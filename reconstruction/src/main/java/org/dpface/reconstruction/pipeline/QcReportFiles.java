package org.dpface.reconstruction.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dpface.core.io.AtomicFiles;

/**
 * Writes a {@link QcReport} as JSON (atomically):
 *
 * <pre>{@code
 * { "format": "dpface-reconstruction-qc", "version": 1, "units": "mm",
 *   "views":   [ { "id": "cam0-proj0", "camera": "cam0", "projector": "proj0", "partner": null,
 *                  "decodedFraction": 0.31, "triangulatedFraction": 0.29 } ],
 *   "cameras": [ { "camera": "cam0", "validFraction": 0.3, "sampled": 23000, "medianMm": 0.02,
 *                  "p95Mm": 0.08, "explainedFraction": 0.99 } ],
 *   "mesh":    { "vertices": ..., "faces": ..., "areaMm2": ..., "components": 1, "boundaryEdges": ...,
 *                "boundaryLengthMm": ..., "boundaryLoops": ..., "holes": ..., "medianDisagreementMm": ... },
 *   "timingsMs": { "decode": ..., "triangulate": ..., "merge": ..., "fuse": ..., "qc": ..., "total": ... } }
 * }</pre>
 *
 * Non-finite numbers (a camera with no samples) are written as {@code null}.
 */
public final class QcReportFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private QcReportFiles() {}

  /** Writes {@code report} to {@code file} atomically. */
  public static void write(Path file, QcReport report) throws IOException {
    AtomicFiles.writeString(file, toJson(report));
  }

  /** The JSON text of {@code report}. */
  public static String toJson(QcReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", QcReport.FORMAT);
    root.put("version", QcReport.VERSION);
    root.put("units", "mm");
    ArrayNode views = root.putArray("views");
    for (QcReport.PairQc v : report.views()) {
      ObjectNode o = views.addObject();
      o.put("id", v.id());
      o.put("camera", v.camera());
      o.put("projector", v.projector());
      if (v.partner() == null) {
        o.putNull("partner");
      } else {
        o.put("partner", v.partner());
      }
      num(o, "decodedFraction", v.decodedFraction());
      num(o, "triangulatedFraction", v.triangulatedFraction());
    }
    ArrayNode cams = root.putArray("cameras");
    for (QcReport.CameraQc c : report.cameras()) {
      ObjectNode o = cams.addObject();
      o.put("camera", c.camera());
      num(o, "validFraction", c.validFraction());
      o.put("sampled", c.sampled());
      num(o, "medianMm", c.medianMm());
      num(o, "p95Mm", c.p95Mm());
      num(o, "explainedFraction", c.explainedFraction());
    }
    QcReport.MeshQc m = report.mesh();
    ObjectNode mesh = root.putObject("mesh");
    mesh.put("vertices", m.vertices());
    mesh.put("faces", m.faces());
    num(mesh, "areaMm2", m.areaMm2());
    mesh.put("components", m.components());
    mesh.put("boundaryEdges", m.boundaryEdges());
    num(mesh, "boundaryLengthMm", m.boundaryLengthMm());
    mesh.put("boundaryLoops", m.boundaryLoops());
    mesh.put("holes", m.holes());
    num(mesh, "medianDisagreementMm", m.medianDisagreementMm());
    QcReport.StageTimes t = report.timings();
    ObjectNode times = root.putObject("timingsMs");
    num(times, "decode", t.decodeMs());
    num(times, "triangulate", t.triangulateMs());
    num(times, "merge", t.mergeMs());
    num(times, "fuse", t.fuseMs());
    num(times, "qc", t.qcMs());
    num(times, "total", t.totalMs());
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void num(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, v);
    } else {
      o.putNull(name);
    }
  }
}
