package org.dpface.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.CalibrationJson;
import org.dpface.capture.storage.RawLayout;
import org.dpface.cli.capture.LabRigs;
import org.dpface.cli.reconstruct.LabTake;
import org.dpface.cli.reconstruct.ReconstructCommand;
import org.dpface.cli.reconstruct.TakeReconstruction;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.dataset.build.CameraSources;
import org.dpface.dataset.build.DatasetBuilder;
import org.dpface.dataset.build.TakeRegistrar;
import org.dpface.dataset.register.LabTakes;
import org.dpface.dataset.register.Registration;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.register.SampleQc;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.network.data.DatasetSamples;
import org.dpface.network.data.DpSample;
import org.dpface.reconstruction.pipeline.ReconstructionListener;
import org.dpface.reconstruction.pipeline.ReconstructionResult;
import org.dpface.rigs.RigDescription;

/**
 * The validation samples of one freshly captured session, formed in memory exactly as {@code dpface dataset build}
 * forms them, without writing meshes or shards.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>the session folder ({@code <lab>/sessions/<session>}) gives the lab; its subject must not have withdrawn
 *       consent in the lab's registry ({@link LabTakes#withdrawnSubjects}, as the build refuses them);
 *   <li>each COMPLETE take of the session ({@link LabTakes#scan}) is reconstructed from its stored frames
 *       ({@link TakeReconstruction}, the {@code dpface reconstruct} settings) with the given calibration, or the
 *       rig's nominal models; the fused mesh gets the area-weighted vertex normals that {@code mesh.ply} stores, so
 *       registration sees what the build would read back;
 *   <li>the mesh is registered to every DP camera of the take ({@link Registration} with the build's
 *       {@link CameraSources}), each lamp step is checked by {@link SampleQc}, and each passing one becomes the
 *       build's sample ({@link DatasetBuilder#sample}) turned into a {@link DpSample}
 *       ({@link DatasetSamples#toDpSample}, the conversion a shard read uses); failing ones are listed with the
 *       reason.
 * </ol>
 * One take's mesh is held at a time; the samples are kept (they are small at dataset size).
 */
public final class SessionSamples {
  private SessionSamples() {}

  /**
   * How to reconstruct and register.
   *
   * @param calibration {@code calibration.json} or null (the rig's nominal cameras and projectors)
   * @param sensorBits bits of each raw DP half, overriding what each take recorded; null: the recorded depth (as
   *     {@code dpface reconstruct --take}, so both routes decode alike)
   * @param voxelMm fusion voxel (mm)
   * @param threads reconstruction threads (registration uses the build's default config, as {@code dataset build})
   * @param size sample {width, height}, or null for the build's default ({@link DatasetBuilder#defaultSampleSize})
   */
  public record Settings(Path calibration, Integer sensorBits, double voxelMm, int threads, int[] size) {}

  /**
   * What happened to one take.
   *
   * @param takeId take id
   * @param spec expression-distance-direction
   * @param vertices fused mesh vertices
   * @param reconstructSeconds reconstruction time (s)
   * @param samples samples that passed QC
   * @param excluded samples that failed QC
   */
  public record TakeSummary(String takeId, String spec, int vertices, double reconstructSeconds, int samples, int excluded) {}

  /**
   * The samples of a session.
   *
   * @param sessionId session id
   * @param subjectId pseudonymous subject id
   * @param samples samples that passed QC, by take, camera, lamp step
   * @param exclusions samples QC refused, with the reason
   * @param takes per take
   * @param provenance camera sources used for registration
   * @param width sample width (px)
   * @param height sample height (px)
   */
  public record Result(String sessionId, String subjectId, List<DpSample> samples,
      List<DatasetModel.QcExclusion> exclusions, List<TakeSummary> takes, List<String> provenance, int width, int height) {}

  /**
   * Reconstructs, registers and checks every COMPLETE take of {@code sessionDir}.
   *
   * @param log progress lines
   * @throws IOException when the folder is not a session of a lab, has no COMPLETE take, or a file is unreadable
   * @throws IllegalArgumentException when the subject has withdrawn consent
   */
  public static Result build(Path sessionDir, Settings settings, Consumer<String> log) throws Exception {
    Path session = sessionDir.toAbsolutePath().normalize();
    Path lab = session.getParent() == null || session.getParent().getParent() == null ? null : session.getParent().getParent();
    String sessionId = session.getFileName().toString();
    if (lab == null || !Files.isDirectory(session) || !RawLayout.sessionDir(lab, sessionId).equals(session)) {
      throw new IOException(sessionDir + " is not a session folder (expected <lab>/sessions/<session>)");
    }
    List<org.dpface.dataset.register.LabTake> takes = new ArrayList<>();
    for (org.dpface.dataset.register.LabTake t : LabTakes.scan(lab)) {
      if (t.sessionId().equals(sessionId)) {
        takes.add(t);
      }
    }
    if (takes.isEmpty()) {
      throw new IOException(session + " has no COMPLETE take");
    }
    String subject = takes.get(0).subjectId();
    if (LabTakes.withdrawnSubjects(lab).contains(subject)) {
      throw new IllegalArgumentException("subject " + subject + " of session " + sessionId
          + " has withdrawn consent (" + lab.resolve("subjects.json") + "): its takes are not used");
    }
    RigDescription labRig = DatasetBuilder.labRig(lab);
    RigDescription reconRig = LabRigs.load(lab, LabTake.sessionRigId(session));
    CalibrationFile cal = settings.calibration() == null ? null : CalibrationJson.read(settings.calibration());
    CameraSources sources = new CameraSources(labRig, settings.calibration());
    int[] size = settings.size() != null ? settings.size() : DatasetBuilder.defaultSampleSize(labRig);
    RegistrationConfig cfg = RegistrationConfig.defaults(size[0], size[1]);
    SampleQc qc = new SampleQc(cfg);
    List<DpSample> samples = new ArrayList<>();
    List<DatasetModel.QcExclusion> exclusions = new ArrayList<>();
    List<TakeSummary> summaries = new ArrayList<>();
    try (Registration reg = new Registration(cfg)) {
      TakeRegistrar registrar = new TakeRegistrar(sources, reg, qc);
      for (org.dpface.dataset.register.LabTake take : takes) {
        if (!take.subjectId().equals(subject)) {
          throw new IOException(take.dir() + ": subject " + take.subjectId() + ", but the session's first take is " + subject);
        }
        long t0 = System.nanoTime();
        ReconstructionResult r = TakeReconstruction.reconstruct(LabTake.read(take.dir()), settings.sensorBits(), reconRig, cal,
            ReconstructCommand.config(settings.voxelMm(), settings.threads()), ReconstructionListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TriangleMesh mesh = storedForm(r.fused().mesh());
        TakeRegistrar.Outcome o = registrar.run(take, mesh,
            sample -> samples.add(DatasetSamples.toDpSample(sample, DatasetSamples.axisOf(registrar.axis()))));
        exclusions.addAll(o.exclusions());
        int dropped = o.exclusions().size();
        int kept = o.samples().size() - dropped;
        summaries.add(new TakeSummary(take.takeId(), take.expression() + "-" + take.position() + "-" + take.direction(),
            mesh.vertexCount(), seconds, kept, dropped));
        log.accept(String.format(java.util.Locale.ROOT, "%s %s: reconstructed %d vertices in %.1f s; %d sample(s) pass QC, %d excluded",
            take.key(), summaries.getLast().spec(), mesh.vertexCount(), seconds, kept, dropped));
      }
    }
    return new Result(sessionId, subject, List.copyOf(samples), List.copyOf(exclusions), List.copyOf(summaries),
        sources.provenance(), size[0], size[1]);
  }

  /**
   * The fused mesh as {@code mesh.ply} stores it (ReconstructionOutputs): same positions and faces, area-weighted
   * vertex normals, which registration interpolates.
   */
  static TriangleMesh storedForm(TriangleMesh fused) {
    TriangleMesh m = new TriangleMesh(Objects.requireNonNull(fused).positions, fused.faces);
    m.computeVertexNormals();
    return m;
  }
}
