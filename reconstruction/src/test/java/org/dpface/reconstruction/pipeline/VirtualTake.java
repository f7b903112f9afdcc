package org.dpface.reconstruction.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.reconstruction.codec.PatternGenerator;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.virtual.render.IlluminationScene;
import org.dpface.rigs.virtual.render.RowExecutor;
import org.dpface.rigs.virtual.render.SceneLookup;
import org.dpface.rigs.virtual.render.SensorModel;
import org.dpface.rigs.virtual.render.StructuredLightRenderer;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;

/**
 * A structured-light take rendered through the virtual-8cam rig: a synthetic head (subject 1, neutral,
 * front), dpface's default 42-frame sequence on both 800x600 projectors (8-bit patterns), sharp radiance
 * exposed by the default 14-bit sensor model with seeded noise. Frames are rendered on demand, one
 * (camera, projector) at a time, into 42 reused buffers. The truth kept per camera: the lookup's planar
 * depth, per projector the true projector (u, v) where that projector lights the pixel, and which mesh
 * vertices the camera sees lit by some projector.
 */
final class VirtualTake implements AutoCloseable {
  /** Raw frames are 14-bit (0..16383) in a 16-bit container. */
  static final int SENSOR_BITS = 14;

  final RigDescription rig;
  final PosedSubject posed;
  final SequenceDescription sequence;
  final int[] cameraIndices;
  /** Per take camera: true planar depth (mm), 0 where the head is not seen. */
  final float[][] trueDepth;
  /** Per take camera, per projector: true projector (u, v) interleaved, NaN where that projector is dark. */
  final float[][][] trueUv;
  /** True-mesh vertices that some camera sees lit by some projector. */
  final boolean[] visibleVertices;

  private final IlluminationScene scene;
  private final SceneLookup lookup = new SceneLookup();
  private final Rasterizer raster;
  private final RowExecutor rows;
  private final StructuredLightRenderer renderer;
  private final SensorModel sensor = SensorModel.defaults();
  private final List<GrayU8> patterns;
  private final List<GrayU16> frames = new ArrayList<>();
  private final GrayF32 radiance = new GrayF32(1, 1);
  private final long seed;
  private int lookupCamera = -1;
  private long renderNanos;

  VirtualTake(int[] cameraIndices, int threads, long seed) {
    this.cameraIndices = cameraIndices.clone();
    this.seed = seed;
    try {
      rig = BundledRigs.load("virtual-8cam");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HeadModel model = HeadModel.standard();
    posed = SyntheticSubject.create(1, 1, model).pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    ProjectorSpec p0 = rig.projectors().get(0);
    sequence = Sequences.dpface(p0.nominalModel().width(), p0.nominalModel().height(), SequenceConfig.defaults());
    patterns = new PatternGenerator(sequence).renderAllU8();
    for (int f = 0; f < sequence.size(); f++) {
      frames.add(new GrayU16(1, 1));
    }
    raster = new Rasterizer(RasterConfig.defaults().withThreads(threads)
        .withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED));
    rows = new RowExecutor(threads);
    renderer = new StructuredLightRenderer(StructuredLightRenderer.Config.defaults(), rows);
    scene = IlluminationScene.of(rig, false, 64);
    scene.render(posed.mesh(), raster);
    int np = rig.projectors().size();
    trueDepth = new float[cameraIndices.length][];
    trueUv = new float[cameraIndices.length][np][];
    visibleVertices = new boolean[posed.mesh().vertexCount()];
    for (int c = 0; c < cameraIndices.length; c++) {
      computeLookup(c);
      int n = lookup.width() * lookup.height();
      trueDepth[c] = new float[n];
      boolean[] anyLit = new boolean[n];
      for (int p = 0; p < np; p++) {
        SceneLookup.ProjectorMaps m = lookup.projector(p);
        float[] uv = new float[2 * n];
        for (int i = 0; i < n; i++) {
          boolean lit = lookup.mask.data[i] != 0 && m.lit.data[i] != 0;
          uv[2 * i] = lit ? m.uv.data[2 * i] : Float.NaN;
          uv[2 * i + 1] = lit ? m.uv.data[2 * i + 1] : Float.NaN;
          anyLit[i] |= lit;
        }
        trueUv[c][p] = uv;
      }
      TriangleMesh mesh = posed.mesh();
      for (int i = 0; i < n; i++) {
        trueDepth[c][i] = lookup.mask.data[i] != 0 ? lookup.depth.data[i] : 0f;
        int tri = lookup.triangleId.data[i];
        if (anyLit[i] && tri >= 0) {
          for (int k = 0; k < 3; k++) {
            visibleVertices[mesh.faces[3 * tri + k]] = true;
          }
        }
      }
    }
  }

  private void computeLookup(int c) {
    if (lookupCamera == c) {
      return;
    }
    CameraSpec cam = rig.cameras().get(cameraIndices[c]);
    lookup.compute(posed.mesh(), scene, cam.nominalModel(), cam.worldToCamera(), posed::albedoAt, raster, rows);
    lookupCamera = c;
  }

  /** The take: the chosen cameras, both projectors calibrated with their true (nominal) models. */
  TakeInput take() {
    return take(true);
  }

  /** The take; with {@code calibrated} false the projectors carry no model (camera pairs only). */
  TakeInput take(boolean calibrated) {
    List<TakeInput.Camera> cams = new ArrayList<>();
    for (int i : cameraIndices) {
      CameraSpec c = rig.cameras().get(i);
      cams.add(new TakeInput.Camera(c.id(), c.nominalModel(), c.worldToCamera()));
    }
    List<TakeInput.Projector> projs = new ArrayList<>();
    for (ProjectorSpec p : rig.projectors()) {
      projs.add(calibrated ? new TakeInput.Projector(p.id(), p.nominalModel(), p.worldToProjector(), sequence)
          : new TakeInput.Projector(p.id(), null, null, sequence));
    }
    return new TakeInput(cams, projs, this::render);
  }

  /** Renders the 42 frames of (take camera c, projector p) into the reused buffers. */
  private List<GrayU16> render(int c, int p) {
    long t0 = System.nanoTime();
    computeLookup(c);
    long frameBase = (long) p * sequence.size();
    for (int f = 0; f < sequence.size(); f++) {
      renderer.render(lookup, p, patterns.get(f), radiance);
      sensor.expose(radiance, seed + cameraIndices[c], frameBase + f, frames.get(f), rows);
    }
    renderNanos += System.nanoTime() - t0;
    return frames;
  }

  /** Wall time spent rendering frames so far (ns): the frame source's share of the decode stage. */
  long renderNanos() {
    return renderNanos;
  }

  TriangleMesh trueMesh() {
    return posed.mesh();
  }

  @Override
  public void close() {
    raster.close();
    rows.close();
  }
}
