package org.dpface.reconstruction.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.io.Colormaps;
import org.dpface.core.io.Pictures;
import org.dpface.core.mesh.PlyFormat;
import org.dpface.core.mesh.PlyWriter;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.fuse.FusedMesh;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.triangulate.PointCloudPly;

/**
 * Writes a {@link ReconstructionResult} into a directory, every file atomically:
 *
 * <ul>
 *   <li>{@value #MESH}: the fused mesh (binary PLY, world mm, vertex normals; vertex colour = TSDF weight
 *       in the turbo colormap, 0 to the largest weight: how well each region was observed);
 *   <li>{@value #POINTS}: the merged point cloud (binary PLY with confidence and gray colour);
 *   <li>{@value #QC}: the {@link QcReport} ({@link QcReportFiles});
 *   <li>{@value #PICTURES}/: per pair of a camera and a projector {@code decoded-<camera>-<projector>.png}
 *       (u, v, validity), per camera {@code depth-<camera>.png} (merged depth) and {@code
 *       render-<camera>.png} (the fused mesh shaded from that camera).
 * </ul>
 *
 * Returns the written paths in writing order.
 */
public final class ReconstructionOutputs {
  public static final String MESH = "mesh.ply";
  public static final String POINTS = "points.ply";
  public static final String QC = "qc.json";
  public static final String PICTURES = "pictures";

  private ReconstructionOutputs() {}

  /** Writes everything into {@code dir} (created when missing); {@code threads} for the renders. */
  public static List<Path> write(Path dir, ReconstructionResult r, int threads) throws IOException {
    Files.createDirectories(dir);
    Path pics = Files.createDirectories(dir.resolve(PICTURES));
    List<Path> written = new ArrayList<>();
    Path mesh = dir.resolve(MESH);
    PlyWriter.write(mesh, weightedMesh(r.fused()), PlyFormat.BINARY_LITTLE_ENDIAN);
    written.add(mesh);
    Path points = dir.resolve(POINTS);
    PointCloudPly.write(points, r.cloud());
    written.add(points);
    Path qc = dir.resolve(QC);
    QcReportFiles.write(qc, r.qc());
    written.add(qc);
    TakeInput take = r.take();
    for (int c = 0; c < take.cameras().size(); c++) {
      TakeInput.Camera cam = take.cameras().get(c);
      for (int p = 0; p < take.projectors().size(); p++) {
        TakeInput.Projector proj = take.projectors().get(p);
        Path f = pics.resolve("decoded-" + cam.id() + "-" + proj.id() + ".png");
        Pictures.writePng(f, ReconstructionPictures.decoded(r.decoded(c, p), proj.sequence().projectorWidth(),
            proj.sequence().projectorHeight()));
        written.add(f);
      }
      TriangulatedView m = r.merged().get(c);
      Path depth = pics.resolve("depth-" + cam.id() + ".png");
      Pictures.writePng(depth, Pictures.depth(m.depth));
      written.add(depth);
      Path render = pics.resolve("render-" + cam.id() + ".png");
      Pictures.writePng(render, ReconstructionPictures.shaded(r.fused().mesh(), cam.model(), cam.worldToCamera(),
          threads));
      written.add(render);
    }
    return written;
  }

  /** The fused mesh with vertex normals and the weight as turbo vertex colours (new arrays, same positions). */
  static TriangleMesh weightedMesh(FusedMesh fused) {
    TriangleMesh src = fused.mesh();
    float[] w = fused.vertexWeight();
    float max = 0;
    for (float v : w) {
      max = Math.max(max, v);
    }
    byte[] rgb = new byte[3 * w.length];
    for (int i = 0; i < w.length; i++) {
      int c = Colormaps.turbo(max > 0 ? w[i] / max : 0);
      rgb[3 * i] = (byte) (c >> 16);
      rgb[3 * i + 1] = (byte) (c >> 8);
      rgb[3 * i + 2] = (byte) c;
    }
    TriangleMesh out = new TriangleMesh(src.positions, src.faces, null, rgb);
    out.computeVertexNormals();
    return out;
  }
}
