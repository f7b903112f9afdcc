package org.dpface.calibration.takes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.dp.DpCalibration;
import org.dpface.calibration.projector.ProjectorCalibration;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.calibration.rig.RigConsistency;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.core.io.AtomicFiles;

/**
 * {@code report.json} of a calibration from takes (format {@value #FORMAT} version {@value #VERSION}): the
 * takes used (folder, label, target), then one section per step: {@code cameras} (RMS before and after the
 * joint refinement, per camera RMS, views, outliers, corner pictures), {@code projectors} (per projector RMS
 * and poses, failures), {@code dp} (per camera a, b, residuals, windows; every measured plane) and, when scored
 * against a known rig ({@link TakeCalibration#consistency}), {@code consistency}. Each step
 * rewrites its own section and keeps the others; written atomically.
 */
public final class CalibrationReport {
  public static final String FORMAT = "dpface-calibration-report";
  public static final int VERSION = 1;
  /** The report file in the output folder. */
  public static final String FILE = "report.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Fills one section of the report. */
  interface Section {
    void fill(ObjectNode report);
  }

  private CalibrationReport() {}

  static void update(Path outDir, TakeInputs in, Section section) throws IOException {
    Path file = outDir.resolve(FILE);
    ObjectNode r = Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o
        && FORMAT.equals(o.path("format").asText()) ? o : JSON.createObjectNode();
    r.put("format", FORMAT);
    r.put("version", VERSION);
    r.put("rigId", in.rig().id());
    r.put("updated", Instant.now().toString());
    r.put("board", in.board().toSpecString());
    ArrayNode takes = r.putArray("takes");
    for (StoredCalibrationTake t : in.boards()) {
      putTake(takes.addObject(), t);
    }
    for (StoredCalibrationTake t : in.planes()) {
      putTake(takes.addObject(), t);
    }
    section.fill(r);
    AtomicFiles.write(file, JSON.writeValueAsBytes(r));
  }

  private static void putTake(ObjectNode o, StoredCalibrationTake t) {
    o.put("dir", t.dir().toAbsolutePath().normalize().toString());
    o.put("session", t.sessionId());
    o.put("take", t.takeId());
    o.put("label", t.target().label());
    o.put("purpose", t.target().purpose().label());
    o.put("target", t.target().target());
  }

  static void cameras(ObjectNode r, TakeInputs in, RigCalibration cal, List<List<CornerDetection>> dets,
      List<String> pictures) {
    ObjectNode c = r.putObject("cameras");
    int found = 0;
    for (List<CornerDetection> row : dets) {
      found += (int) row.stream().filter(CornerDetection::isFound).count();
    }
    c.put("boardTakes", dets.size());
    c.put("viewsWithBoard", found);
    c.put("initialRmsPx", cal.initialRmsPx());
    c.put("rmsPx", cal.rmsPx());
    c.put("iterations", cal.iterations());
    ArrayNode per = c.putArray("devices");
    for (RigCalibration.Camera cam : cal.cameras()) {
      ObjectNode o = per.addObject();
      o.put("id", cam.id());
      o.put("rmsPx", cam.rmsPx());
      o.put("views", cam.views().size());
      o.put("droppedCorners", cam.droppedCorners());
      ArrayNode out = o.putArray("outlierViews");
      cam.outliers().stream().map(ViewResult::source).forEach(out::add);
      o.put("fx", cam.model().fx());
      o.put("fy", cam.model().fy());
      o.put("cx", cam.model().cx());
      o.put("cy", cam.model().cy());
    }
    ArrayNode pics = c.putArray("pictures");
    pictures.forEach(pics::add);
  }

  static void projectors(ObjectNode r, List<ProjectorCalibration> done, Map<String, String> failures, int frames) {
    ObjectNode c = r.putObject("projectors");
    c.put("decodedFrames", frames);
    ArrayNode per = c.putArray("devices");
    for (ProjectorCalibration p : done) {
      ObjectNode o = per.addObject();
      o.put("id", p.id());
      o.put("rmsPx", p.rmsPx());
      o.put("poses", p.views().size());
      o.put("fx", p.model().fx());
      o.put("fy", p.model().fy());
      o.put("cx", p.model().cx());
      o.put("cy", p.model().cy());
    }
    ObjectNode f = c.putObject("failures");
    failures.forEach(f::put);
  }

  static void dp(ObjectNode r, DpFromTakes.Result res) {
    ObjectNode c = r.putObject("dp");
    c.put("depthSource", "structured light: plane fitted to the SL points triangulated with the calibrated "
        + "camera and projector");
    ArrayNode per = c.putArray("devices");
    for (DpCalibration d : res.calibrations().values()) {
      ObjectNode o = per.addObject();
      o.put("id", d.cameraId());
      o.put("a", d.a());
      o.put("b", d.b());
      o.put("residualRmsPx", d.residualRmsPx());
      o.put("residualMedianPx", d.residualMedianPx());
      o.put("inliers", d.inliers());
      o.put("windowsTried", d.windowsTried());
    }
    ArrayNode planes = c.putArray("planes");
    for (DpFromTakes.Plane p : res.planes()) {
      ObjectNode o = planes.addObject();
      o.put("take", p.takeId());
      o.put("label", p.label());
      o.put("camera", p.cameraId());
      o.put("projector", p.projectorId());
      o.put("centreDepthMm", p.fit().centreDepthMm());
      o.put("rmsMm", p.fit().rmsMm());
      o.put("points", p.fit().inliers());
    }
    ObjectNode f = c.putObject("failures");
    res.failures().forEach(f::put);
  }

  static void consistency(ObjectNode r, String note, TakeCalibration.Consistency c) {
    ObjectNode o = r.putObject("consistency");
    o.put("reference", note);
    o.put("method", "points on a " + RigConsistency.RADIUS_MM + " mm sphere at the subject centre projected "
        + "through the reference devices, triangulated through the calibrated pair (camera ray); calibration "
        + "frame aligned to the reference by a Horn fit over the cameras; px = reprojection of the aligned points "
        + "through the calibrated device vs the reference pixel; normalMm = triangulated error along the surface "
        + "normal; depthMm = planar depth error in the camera's own frame (no alignment)");
    if (c.projectorPairs() != null) {
      result(o.putObject("cameraProjector"), c.projectorPairs());
    }
    result(o.putObject("cameraPairs"), c.cameraPairs());
  }

  private static void result(ObjectNode o, RigConsistency.Result res) {
    o.put("points", res.points());
    o.put("fusedMedianMm", res.fusedMm()[0]);
    o.put("fusedP95Mm", res.fusedMm()[1]);
    ArrayNode pairs = o.putArray("pairs");
    for (RigConsistency.Pair p : res.pairs()) {
      ObjectNode q = pairs.addObject();
      q.put("camera", p.camera());
      q.put("other", p.other());
      q.put("points", p.points());
      q.put("cameraPxMedian", p.cameraPx()[0]);
      q.put("cameraPxP95", p.cameraPx()[1]);
      q.put("otherPxMedian", p.otherPx()[0]);
      q.put("otherPxP95", p.otherPx()[1]);
      q.put("normalMmMedian", p.normalMm()[0]);
      q.put("normalMmP95", p.normalMm()[1]);
      q.put("normalBiasMm", p.biasMm());
      q.put("depthMmMedian", p.depthMm()[0]);
      q.put("depthMmP95", p.depthMm()[1]);
      q.put("depthBiasMm", p.depthBiasMm());
    }
  }
}
