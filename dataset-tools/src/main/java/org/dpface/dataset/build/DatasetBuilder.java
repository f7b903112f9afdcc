package org.dpface.dataset.build;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.AtomicFiles;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.dataset.build.BuildPlan.PlannedSample;
import org.dpface.dataset.register.LabTake;
import org.dpface.dataset.register.LabTakes;
import org.dpface.dataset.register.RegisteredView;
import org.dpface.dataset.register.Registration;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.register.SampleQc;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetWriter;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.SplitAxis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a dataset from a capture lab: registration of each take's reconstructed mesh to every DP
 * camera, QC of every (take, camera, lamp step) sample, then HDF5 shards through {@link DatasetWriter}.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>{@link #plan}: scan the lab's COMPLETE takes ({@link LabTakes}); per take read
 *       {@code recon/<session>/<take>/mesh.ply} (a take without one: all its samples excluded with that
 *       reason); per camera register ({@link Registration}) with the calibrated or nominal camera
 *       ({@code CameraSources}); per lamp step read the DP pair and run {@link SampleQc}; with a truth
 *       folder, score the registered maps against {@code truth/<session>/<take>/} inside the crop;
 *   <li>{@link #write}: re-register each (take, camera) with included samples (deterministic: the crop
 *       must come out identical), cut the DP halves and maps to the crop and stream the samples into
 *       {@link DatasetWriter#write} (subject-disjoint splits, manifest with QC exclusions, camera
 *       sources and consent versions).
 * </ol>
 * Only one take's mesh and one camera's images are held at a time.
 */
public final class DatasetBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** File name of the rig inside a lab. */
  public static final String LAB_RIG = "rig.json";

  private DatasetBuilder() {}

  /**
   * Inputs of a build.
   *
   * @param lab capture lab folder (with {@code rig.json})
   * @param recon reconstructed meshes, {@code <session>/<take>/mesh.ply}
   * @param calibration {@code calibration.json} or null (nominal rig cameras)
   * @param truth virtual-rig truth folder ({@code <session>/<take>/}) or null
   */
  public record Inputs(Path lab, Path recon, Path calibration, Path truth) {}

  /**
   * The default sample size {w, h} for a rig: the largest multiples of 16 that fit every DP camera's
   * image.
   */
  public static int[] defaultSampleSize(RigDescription rig) {
    int w = Integer.MAX_VALUE;
    int h = Integer.MAX_VALUE;
    for (CameraSpec c : rig.cameras()) {
      if (c.dualPixel().present()) {
        w = Math.min(w, c.resolution().width());
        h = Math.min(h, c.resolution().height());
      }
    }
    if (w == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("rig " + rig.id() + " has no DP camera");
    }
    return new int[] {Math.max(16, w / 16 * 16), Math.max(16, h / 16 * 16)};
  }

  /** Reads {@code lab/rig.json}. */
  public static RigDescription labRig(Path lab) throws IOException {
    return RigFiles.read(lab.resolve(LAB_RIG));
  }

  /** Registration and QC of every candidate sample (step 1 of the class comment). */
  public static BuildPlan plan(Inputs in, RegistrationConfig cfg) throws IOException {
    RigDescription rig = labRig(in.lab());
    CameraSources sources = new CameraSources(rig, in.calibration());
    Set<String> withdrawn = new TreeSet<>(LabTakes.withdrawnSubjects(in.lab()));
    List<LabTake> takes = LabTakes.scan(in.lab()).stream().filter(t -> !withdrawn.contains(t.subjectId())).toList();
    Map<String, String> consent = LabTakes.consentVersions(in.lab());
    TreeSet<String> subjects = new TreeSet<>();
    List<PlannedSample> samples = new ArrayList<>();
    List<DatasetModel.QcExclusion> exclusions = new ArrayList<>();
    TruthAccumulator truth = in.truth() == null ? null : new TruthAccumulator();
    SplitAxis datasetAxis;
    try (Registration reg = new Registration(cfg)) {
      TakeRegistrar registrar = new TakeRegistrar(in, sources, reg, new SampleQc(cfg), truth);
      for (LabTake take : takes) {
        subjects.add(take.subjectId());
        TakeRegistrar.Outcome o = registrar.run(take, null, BuildListener.NONE);
        samples.addAll(o.samples());
        exclusions.addAll(o.exclusions());
        LOG.info("registered {} ({} cameras, {} lamp steps)", take.key(), take.cameraIds().size(), take.lightSteps().size());
      }
      datasetAxis = registrar.axis();
    }
    if (datasetAxis == null) {
      throw new IOException(in.lab() + " has no complete take with frames");
    }
    Map<String, String> consentOfSubjects = new TreeMap<>();
    subjects.forEach(s -> consentOfSubjects.put(s, consent.getOrDefault(s, "unknown")));
    return new BuildPlan(BuildPlan.FORMAT, BuildPlan.VERSION, in.lab().toString(), in.recon().toString(),
        in.calibration() == null ? null : in.calibration().toString(), in.truth() == null ? null : in.truth().toString(),
        rig.id(), sources.provenance(), new SampleShape(cfg.sampleHeight(), cfg.sampleWidth(), 1),
        DpAxis.valueOf(datasetAxis.name()).attribute(), new ArrayList<>(subjects), consentOfSubjects, samples, exclusions,
        truth == null || truth.views() == 0 ? null : truth.score());
  }

  static String sampleId(LabTake t, String cam, String light) {
    return t.sessionId() + "-" + t.takeId() + "-" + cam + "-" + light;
  }

  /**
   * Writes the included samples of {@code plan} as a dataset at {@code out} (step 2 of the class
   * comment). {@code base} supplies seed, ratios, shard size, code version and creation time; shape and
   * DP axis must match the plan; provenance is filled from the plan.
   */
  public static DatasetModel.Index write(BuildPlan plan, Path out, RegistrationConfig cfg, DatasetConfig base) throws IOException {
    if (!base.shape().equals(plan.shape()) || !base.dpAxis().attribute().equals(plan.dpAxis())) {
      throw new IllegalArgumentException("dataset config " + base.shape() + " " + base.dpAxis() + " differs from the plan's "
          + plan.shape() + " " + plan.dpAxis());
    }
    Inputs in = new Inputs(Path.of(plan.lab()), Path.of(plan.recon()), plan.calibration() == null ? null : Path.of(plan.calibration()), null);
    DatasetConfig config = base.withProvenance(plan.provenance(), plan.consentVersions(), plan.exclusions());
    Map<String, List<PlannedSample>> byView = new LinkedHashMap<>();
    for (PlannedSample s : plan.included()) {
      byView.computeIfAbsent(s.sessionId() + "/" + s.takeId() + "/" + s.cameraId(), k -> new ArrayList<>()).add(s);
    }
    RigDescription rig = labRig(in.lab());
    CameraSources sources = new CameraSources(rig, in.calibration());
    Map<String, LabTake> takes = new TreeMap<>();
    for (LabTake t : LabTakes.scan(in.lab())) {
      takes.put(t.key(), t);
    }
    try (Registration reg = new Registration(cfg)) {
      Iterator<Sample> it = new SampleIterator(byView, takes, in, sources, reg);
      // Splits are drawn over subjects that keep at least one sample: a subject whose every sample failed QC
      // would otherwise take a val/test slot and leave that split empty.
      List<String> withSamples = plan.included().stream().map(PlannedSample::subjectId).distinct().sorted().toList();
      return DatasetWriter.write(out, withSamples, it, config);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Lazily registers one (take, camera) at a time and yields its included samples. */
  private static final class SampleIterator implements Iterator<Sample> {
    private final Iterator<List<PlannedSample>> views;
    private final Map<String, LabTake> takes;
    private final Inputs in;
    private final CameraSources sources;
    private final Registration reg;
    private final List<Sample> pending = new ArrayList<>();
    private String meshKey;
    private TriangleMesh mesh;

    SampleIterator(Map<String, List<PlannedSample>> byView, Map<String, LabTake> takes, Inputs in, CameraSources sources,
        Registration reg) {
      this.views = byView.values().iterator();
      this.takes = takes;
      this.in = in;
      this.sources = sources;
      this.reg = reg;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && views.hasNext()) {
        try {
          load(views.next());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return !pending.isEmpty();
    }

    @Override
    public Sample next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.remove(0);
    }

    private void load(List<PlannedSample> group) throws IOException {
      PlannedSample first = group.get(0);
      String key = first.sessionId() + "/" + first.takeId();
      LabTake take = takes.get(key);
      if (take == null) {
        throw new IOException("take " + key + " is no longer complete in " + in.lab());
      }
      if (!key.equals(meshKey)) {
        mesh = PlyReader.read(in.recon().resolve(first.sessionId()).resolve(first.takeId()).resolve("mesh.ply"));
        meshKey = key;
      }
      CameraSources.Camera cam = sources.camera(first.cameraId());
      RegisteredView view = reg.register(mesh, cam.model(), cam.worldToCamera(), cam.dpA(), cam.dpB());
      if (view.crop().x0() != first.cropX0() || view.crop().y0() != first.cropY0()) {
        throw new IOException(key + " " + first.cameraId() + ": registration changed since the plan (crop " + view.crop() + ")");
      }
      ViewCut cut = new ViewCut(view);
      for (PlannedSample s : group) {
        pending.add(cut.sample(take, s.cameraId(), new LabTake.LightStep(s.step(), s.light()),
            PngImages.readGrayU16(take.leftPng(s.cameraId(), s.step())), PngImages.readGrayU16(take.rightPng(s.cameraId(), s.step()))));
      }
    }
  }

  /** Writes a plan as JSON (atomically). */
  public static void writePlan(Path file, BuildPlan plan) throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsBytes(plan));
  }

  /** Reads a plan written by {@link #writePlan}. */
  public static BuildPlan readPlan(Path file) throws IOException {
    BuildPlan p = JSON.readValue(file.toFile(), BuildPlan.class);
    if (!BuildPlan.FORMAT.equals(p.format()) || p.version() != BuildPlan.VERSION) {
      throw new IOException(file + ": expected format " + BuildPlan.FORMAT + " v" + BuildPlan.VERSION + ", found " + p.format()
          + " v" + p.version());
    }
    return p;
  }
}
