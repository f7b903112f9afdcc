package org.dpface.dataset.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.dataset.build.BuildPlan.PlannedSample;
import org.dpface.dataset.register.Crop;
import org.dpface.dataset.register.LabTake;
import org.dpface.dataset.register.QcResult;
import org.dpface.dataset.register.RegisteredView;
import org.dpface.dataset.register.Registration;
import org.dpface.dataset.register.SampleQc;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.take.TakeTruth;
import org.dpface.rigs.virtual.take.TruthReader;

/**
 * Registration and QC of one take, each (take, camera) registered exactly once: read the take's mesh
 * ({@code recon/<session>/<take>/mesh.ply}; without one every sample is excluded with that reason), per
 * camera register it ({@link Registration}), optionally score the view against the virtual rig's truth,
 * and per lamp step read the DP pair once, run {@link SampleQc} and, when a sink is given, cut a passing
 * sample to the crop and hand it over.
 */
public final class TakeRegistrar {
  /** What one take gave: every candidate sample with its QC figures, and the exclusions among them. */
  public record Outcome(List<PlannedSample> samples, List<DatasetModel.QcExclusion> exclusions) {}

  private final DatasetBuilder.Inputs in;
  private final CameraSources sources;
  private final Registration reg;
  private final SampleQc qc;
  private final TruthAccumulator truth;
  private SplitAxis axis;

  /**
   * Registration and QC without truth scoring, for meshes that are not on disk (e.g. reconstructed in
   * memory for {@code dpface validate --session}): use {@link #run(LabTake, TriangleMesh, Consumer)}.
   */
  public TakeRegistrar(CameraSources sources, Registration reg, SampleQc qc) {
    this(null, sources, reg, qc, null);
  }

  /** @param truth accumulates registered-vs-true errors when {@code in.truth()} is set, else null */
  TakeRegistrar(DatasetBuilder.Inputs in, CameraSources sources, Registration reg, SampleQc qc, TruthAccumulator truth) {
    this.in = in;
    this.sources = sources;
    this.reg = reg;
    this.qc = qc;
    this.truth = truth;
  }

  /** The DP split axis shared by every camera seen so far (null before the first). */
  public SplitAxis axis() {
    return axis;
  }

  /**
   * @param sink receives the included samples (cropped), or null to run QC only
   * @throws IllegalArgumentException when a camera splits along another axis than earlier ones
   */
  Outcome run(LabTake take, Consumer<Sample> sink, BuildListener listener) throws IOException {
    Path meshFile = in.recon().resolve(take.sessionId()).resolve(take.takeId()).resolve("mesh.ply");
    TriangleMesh mesh = Files.isRegularFile(meshFile) ? PlyReader.read(meshFile) : null;
    TakeTruth takeTruth = null;
    if (truth != null && mesh != null && in.truth() != null) {
      Path dir = in.truth().resolve(take.sessionId()).resolve(take.takeId());
      takeTruth = Files.isDirectory(dir) ? TruthReader.read(dir) : null;
    }
    return run(take, mesh, "no reconstructed mesh at " + in.recon().relativize(meshFile), takeTruth, sink, listener);
  }

  /**
   * Registers {@code mesh} (positions in mm, vertex normals as {@code mesh.ply} stores them) into every
   * camera of {@code take} and runs QC; the passing samples go to {@code sink}.
   *
   * @throws IllegalArgumentException when a camera splits along another axis than earlier ones
   */
  public Outcome run(LabTake take, TriangleMesh mesh, Consumer<Sample> sink) throws IOException {
    return run(take, Objects.requireNonNull(mesh, "mesh"), null, null, sink, BuildListener.NONE);
  }

  private Outcome run(LabTake take, TriangleMesh mesh, String noMeshReason, TakeTruth takeTruth, Consumer<Sample> sink,
      BuildListener listener) throws IOException {
    List<PlannedSample> samples = new ArrayList<>();
    List<DatasetModel.QcExclusion> exclusions = new ArrayList<>();
    int camIndex = 0;
    for (String camId : take.cameraIds()) {
      camIndex++;
      CameraSources.Camera cam = sources.camera(camId);
      if (axis == null) {
        axis = cam.axis();
      } else if (axis != cam.axis()) {
        throw new IllegalArgumentException("camera " + camId + " splits " + cam.axis() + " but the dataset is " + axis);
      }
      RegisteredView view = mesh == null ? null : reg.register(mesh, cam.model(), cam.worldToCamera(), cam.dpA(), cam.dpB());
      if (view != null && takeTruth != null) {
        takeTruth.camera(camId).ifPresent(t -> truth.add(view, t));
      }
      ViewCut cut = view == null || sink == null ? null : new ViewCut(view);
      int passed = 0;
      for (LabTake.LightStep step : take.lightSteps()) {
        String id = DatasetBuilder.sampleId(take, camId, step.lightId());
        if (view == null) {
          samples.add(planned(id, take, camId, step, null, null, noMeshReason));
          exclusions.add(new DatasetModel.QcExclusion(id, take.subjectId(), noMeshReason));
          continue;
        }
        GrayU16 left = PngImages.readGrayU16(take.leftPng(camId, step.step()));
        GrayU16 right = PngImages.readGrayU16(take.rightPng(camId, step.step()));
        QcResult r = qc.check(view, left, right, cam.axis(), take.sensorBits(camId));
        samples.add(planned(id, take, camId, step, view.crop(), r, r.reason()));
        if (!r.passed()) {
          exclusions.add(new DatasetModel.QcExclusion(id, take.subjectId(), r.reason()));
          continue;
        }
        passed++;
        if (cut != null) {
          sink.accept(cut.sample(take, camId, step, left, right));
        }
      }
      listener.viewRegistered(take.key(), camId, camIndex, take.cameraIds().size(), passed, take.lightSteps().size());
    }
    return new Outcome(samples, exclusions);
  }

  static PlannedSample planned(String id, LabTake t, String cam, LabTake.LightStep s, Crop c, QcResult r, String reason) {
    double nan = Double.NaN;
    return new PlannedSample(id, t.subjectId(), t.sessionId(), t.takeId(), cam, s.step(), s.lightId(), t.expression(), t.position(),
        t.direction(), c == null ? -1 : c.x0(), c == null ? -1 : c.y0(), r == null ? 0 : r.validFraction(),
        r == null ? nan : r.depthMinMm(), r == null ? nan : r.depthMaxMm(), r == null ? 0 : r.disparityWindows(),
        r == null ? nan : r.disparityErrorPx(), r == null ? nan : r.disparityBiasPx(), r == null ? 0 : r.clippedFraction(),
        r != null && r.passed(), reason);
  }
}
