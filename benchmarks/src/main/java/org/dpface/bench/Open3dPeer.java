package org.dpface.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpface.core.mesh.PlyFormat;
import org.dpface.core.mesh.PlyWriter;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RayTable;

/**
 * Peer for the rasterizer benchmark: Open3D's {@code RaycastingScene.cast_rays} (Embree BVH) on the
 * same mesh (written to binary PLY in the camera frame) and the same per-pixel rays (the rasterizer's
 * {@link RayTable}), run with {@code /usr/bin/python3} (override: {@code -Ddpface.python=...}). Only
 * the cast is timed, after a warm-up cast that also builds the BVH.
 */
public final class Open3dPeer {
  private static final String PYTHON = PythonPeer.PYTHON;
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\": (\"[^\"]*\"|[-0-9.eE+]+)");

  /** Outcome of one peer run; {@code skipReason} is non-null when the peer did not run. */
  public record Result(String skipReason, String version, double bestSeconds, double medianSeconds, float[] depth) {
    public boolean ran() {
      return skipReason == null;
    }
  }

  private Open3dPeer() {}

  /** Null when the peer can run, else why not. */
  public static String unavailableReason() {
    return PythonPeer.unavailableReason("open3d", "");
  }

  /**
   * Casts the table's rays against {@code cameraFrameMesh} {@code repeats} times with {@code nthreads}
   * Open3D threads (0 = all). Returns planar depth per pixel (+inf where missed) and timings.
   */
  public static Result run(TriangleMesh cameraFrameMesh, RayTable rays, int repeats, int nthreads)
      throws IOException, InterruptedException {
    String reason = unavailableReason();
    if (reason != null) {
      return new Result(reason, null, Double.NaN, Double.NaN, null);
    }
    Path dir = Files.createTempDirectory("dpface-open3d-peer");
    try {
      Path ply = dir.resolve("mesh.ply");
      Path rayFile = dir.resolve("rays.f32");
      Path out = dir.resolve("t_hit.f32");
      Path script = dir.resolve("open3d_raycast.py");
      PlyWriter.write(ply, cameraFrameMesh, PlyFormat.BINARY_LITTLE_ENDIAN);
      int w = rays.width();
      int h = rays.height();
      float[] xy = new float[2 * w * h];
      for (int v = 0; v < h; v++) {
        for (int u = 0; u < w; u++) {
          xy[2 * (v * w + u)] = (float) rays.x(u, v);
          xy[2 * (v * w + u) + 1] = (float) rays.y(u, v);
        }
      }
      RawFloats.writeFloats(xy, xy.length, rayFile);
      try (InputStream in = Open3dPeer.class.getResourceAsStream("open3d_raycast.py")) {
        if (in == null) {
          throw new IOException("open3d_raycast.py missing from the benchmark jar");
        }
        Files.write(script, in.readAllBytes());
      }
      List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), ply.toString(), rayFile.toString(),
          Integer.toString(w), Integer.toString(h), Integer.toString(repeats), Integer.toString(nthreads),
          out.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(600, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result("open3d script timed out", null, Double.NaN, Double.NaN, null);
      }
      if (p.exitValue() == 3) {
        // The install runs but hits nothing: timing it would compare against a no-op, so report why.
        return new Result("Open3D raycasting is broken on this install (results unusable, no ratio): "
            + text.trim() + ". Likely cause (unverified): the system Embree library is built with ray"
            + " masks enabled, which Open3D's RaycastingScene does not set", null, Double.NaN, Double.NaN, null);
      }
      if (p.exitValue() != 0) {
        return new Result("open3d script failed: " + text.trim(), null, Double.NaN, Double.NaN, null);
      }
      String json = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
      String version = null;
      double best = Double.NaN;
      double median = Double.NaN;
      Matcher m = NUMBER.matcher(json);
      while (m.find()) {
        switch (m.group(1)) {
          case "open3d" -> version = m.group(2).replace("\"", "");
          case "best_s" -> best = Double.parseDouble(m.group(2));
          case "median_s" -> median = Double.parseDouble(m.group(2));
          default -> { }
        }
      }
      if (Double.isNaN(best)) {
        return new Result("could not parse open3d output: " + text.trim(), null, Double.NaN, Double.NaN, null);
      }
      return new Result(null, version, best, median, RawFloats.readFloats(out));
    } finally {
      if (!Boolean.getBoolean("dpface.keepPeerFiles")) { // keep them to rerun the script by hand
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    }
  }
}
