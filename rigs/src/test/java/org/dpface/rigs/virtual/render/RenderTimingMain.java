package org.dpface.rigs.virtual.render;

import java.io.IOException;
import java.util.Locale;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;

/**
 * Timing figure (not a test, not a benchmark against a peer): one camera of {@code virtual-8cam},
 * a real synthetic head, the projector and lamp shadow maps, the lookup, 42 structured-light frames
 * (800x600 stripe patterns, projector defocus) each exposed by the sensor model, and the 6 lamps.
 * Args: [threads] [repeats]. Prints to stdout (this is a command-line main).
 */
public final class RenderTimingMain {
  private RenderTimingMain() {}

  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int frames = 42;
    RigDescription rig = BundledRigs.load("virtual-8cam");
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.create(1, 1, model)
        .pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    CameraSpec cam = rig.cameras().get(0);
    GrayU8[] patterns = new GrayU8[frames];
    for (int f = 0; f < frames; f++) {
      patterns[f] = new GrayU8(800, 600);
      int period = 2 << (f % 10);
      for (int y = 0; y < 600; y++) {
        for (int x = 0; x < 800; x++) {
          patterns[f].set(x, y, ((x / period) & 1) == (f / 10 & 1) ? 255 : 0);
        }
      }
    }
    IlluminationScene scene = IlluminationScene.of(rig);
    SceneLookup lookup = new SceneLookup();
    GrayF32 radiance = new GrayF32(1, 1);
    GrayU16 raw = new GrayU16(1, 1);
    SensorModel sensor = SensorModel.defaults();
    try (Rasterizer raster = new Rasterizer(RasterConfig.defaults().withThreads(threads)
            .withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED));
        RowExecutor rows = new RowExecutor(threads)) {
      StructuredLightRenderer sl = new StructuredLightRenderer(StructuredLightRenderer.Config.defaults(), rows);
      LightingRenderer lit = new LightingRenderer(LightingRenderer.Config.defaults(), rows);
      for (int rep = 0; rep < repeats; rep++) {
        long t0 = System.nanoTime();
        scene.render(posed.mesh(), raster);
        long t1 = System.nanoTime();
        lookup.compute(posed.mesh(), scene, cam.nominalModel(), cam.worldToCamera(), posed::albedoAt, raster, rows);
        long t2 = System.nanoTime();
        for (int f = 0; f < frames; f++) {
          sl.render(lookup, 0, patterns[f], radiance);
        }
        long t3 = System.nanoTime();
        for (int f = 0; f < frames; f++) {
          sl.render(lookup, 0, patterns[f], radiance);
          sensor.expose(radiance, 1, f, raw, rows);
        }
        long t4 = System.nanoTime();
        for (int l = 0; l < lookup.lightCount(); l++) {
          lit.render(lookup, l, radiance);
        }
        long t5 = System.nanoTime();
        System.out.printf(Locale.ROOT,
            "run %d (%d threads, %d triangles, %d valid px): shadow maps (2 projectors + %d lamps) %.0f ms | "
                + "lookup cam0 480x640 %.0f ms | %d SL frames %.0f ms (%.1f ms/frame, blur levels %d) | "
                + "same + sensor %.0f ms | %d lamp frames %.0f ms%n",
            rep, threads, posed.mesh().faceCount(), countValid(lookup), scene.lights().size(), ms(t0, t1),
            ms(t1, t2), frames, ms(t2, t3), ms(t2, t3) / frames, sl.levelSigmas().length, ms(t3, t4),
            lookup.lightCount(), ms(t4, t5));
      }
    }
  }

  private static int countValid(SceneLookup lookup) {
    int n = 0;
    for (int i = 0; i < lookup.width() * lookup.height(); i++) {
      n += lookup.mask.data[i];
    }
    return n;
  }

  private static double ms(long a, long b) {
    return (b - a) / 1e6;
  }
}
