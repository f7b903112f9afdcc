package org.dpface.rigs.virtual.subject;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.Pictures;
import org.dpface.core.mesh.PlyFormat;
import org.dpface.core.mesh.PlyWriter;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes preview pictures (depth | normals | albedo-shaded, camera 0 of {@code virtual-8cam}) and a PLY
 * of subjects for people to look at. Runs only with {@code -Ddpface.subject.preview=DIR}.
 */
class SubjectPreviewTest {
  @Test
  void writesPreviews() throws IOException {
    String dir = System.getProperty("dpface.subject.preview");
    Assumptions.assumeTrue(dir != null && !dir.isEmpty(), "set -Ddpface.subject.preview=DIR to write previews");
    Path out = Path.of(dir);
    Files.createDirectories(out);
    RigDescription rig = BundledRigs.load("virtual-8cam");
    long t0 = System.nanoTime();
    HeadModel model = HeadModel.buildStandard();
    long t1 = System.nanoTime();
    SyntheticSubject first = SyntheticSubject.create(1, 1001, model);
    PosedSubject firstPosed = first.pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    long t2 = System.nanoTime();
    Files.writeString(out.resolve("timing.txt"), String.format(java.util.Locale.ROOT,
        "model build %.0f ms (%d triangles, %d vertices); one posed subject with preview colours %.0f ms%n",
        (t1 - t0) / 1e6, model.faceCount(), model.vertexCount(), (t2 - t1) / 1e6));
    assertTrue(firstPosed.mesh().faceCount() == model.faceCount());
    SubjectPlacement placement = SubjectPlacement.of(rig);
    List<SubjectPose> poses = List.of(
        new SubjectPose(Expression.NEUTRAL, HeadDirection.FRONT, SubjectDistance.FORWARD),
        new SubjectPose(Expression.FROWN, HeadDirection.FRONT, SubjectDistance.FORWARD),
        new SubjectPose(Expression.YAWN, HeadDirection.FRONT, SubjectDistance.FORWARD),
        new SubjectPose(Expression.NEUTRAL, HeadDirection.LEFT, SubjectDistance.FORWARD),
        new SubjectPose(Expression.NEUTRAL, HeadDirection.UP, SubjectDistance.BACKWARD));
    try (Rasterizer raster = new Rasterizer(RasterConfig.defaults().withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED))) {
      for (int s = 1; s <= 3; s++) {
        SyntheticSubject subject = SyntheticSubject.create(s, 1000 + s, model);
        for (String camId : List.of("cam0", "cam3")) {
          CameraSpec cam = rig.camera(camId).orElse(rig.cameras().get(0));
          List<InterleavedU8> row = new ArrayList<>();
          for (SubjectPose pose : poses) {
            PosedSubject posed = subject.pose(model, pose, placement);
            row.add(shaded(raster, posed, cam.nominalModel(), cam.worldToCamera()));
            if (s == 1 && camId.equals("cam0")) {
              RenderTarget t = raster.render(posed.mesh(), cam.nominalModel(), cam.worldToCamera());
              Pictures.writePng(out.resolve("sub1-" + pose.id() + "-depth-normals.png"),
                  Pictures.sideBySide(Pictures.depth(t.depth), Pictures.normals(t.normal, null)));
              PlyWriter.write(out.resolve("sub1-" + pose.id() + ".ply"), posed.mesh(), PlyFormat.BINARY_LITTLE_ENDIAN);
            }
          }
          Pictures.writePng(out.resolve("sub" + s + "-" + camId + "-shaded.png"),
              Pictures.sideBySide(row.toArray(new InterleavedU8[0])));
        }
      }
    }
    assertTrue(Files.exists(out.resolve("sub1-cam0-shaded.png")));
  }

  /** Albedo x (0.25 + 0.75 Lambert) with a light from above-front, sRGB 8-bit; black background. */
  static InterleavedU8 shaded(Rasterizer raster, PosedSubject posed, CameraModel camera, RigidTransform worldToCamera) {
    RenderTarget t = raster.render(posed.mesh(), camera, worldToCamera);
    InterleavedU8 img = new InterleavedU8(camera.width(), camera.height(), 3);
    double[] light = {0.25, -0.5, -0.83};
    float[] rgb = new float[3];
    for (int v = 0; v < camera.height(); v++) {
      for (int u = 0; u < camera.width(); u++) {
        int tri = t.triangleId.data[t.triangleId.indexOf(u, v)];
        if (tri < 0) {
          continue;
        }
        int bi = t.barycentric.indexOf(u, v);
        posed.albedoAt(tri, t.barycentric.data[bi], t.barycentric.data[bi + 1], rgb, 0);
        int ni = t.normal.indexOf(u, v);
        double lam = Math.max(0, light[0] * t.normal.data[ni] + light[1] * t.normal.data[ni + 1] + light[2] * t.normal.data[ni + 2]);
        double k = 0.25 + 0.75 * lam;
        for (int c = 0; c < 3; c++) {
          img.set(u, v, c, (int) Math.round(255 * SkinAlbedo.linearToSrgb(Math.min(1, rgb[c] * k))));
        }
      }
    }
    return img;
  }
}
