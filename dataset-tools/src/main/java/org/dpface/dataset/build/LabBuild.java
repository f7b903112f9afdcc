package org.dpface.dataset.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dpface.dataset.build.BuildPlan.PlannedSample;
import org.dpface.dataset.register.LabTake;
import org.dpface.dataset.register.LabTakes;
import org.dpface.dataset.register.Registration;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.register.SampleQc;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.dataset.store.DatasetModel;
import org.dpface.dataset.store.DatasetModel.QcExclusion;
import org.dpface.dataset.store.DatasetModel.TakeRecord;
import org.dpface.dataset.store.DatasetUpdate;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dpface dataset build}: a capture lab → a dataset in one pass, incremental when the target
 * already holds a dataset built this way.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>scan the lab's COMPLETE takes (subjects the registry marks withdrawn, or the target's
 *       {@code deletions.json} lists, left out) and compute each
 *       take's input digest ({@link TakeDigest}: take.json, DP frames, mesh, cameras, settings);
 *   <li>read the previous {@code manifest.json}'s take records (unless {@code full}, or the previous
 *       dataset has another sample shape, DP axis, seed or ratios, or no take records): a take whose
 *       digest is unchanged keeps its samples and QC exclusions as they are; every other take is
 *       registered anew; samples of takes no longer in the lab are dropped;
 *   <li>register the new/changed takes with {@link TakeRegistrar} (each view registered once, each DP
 *       pair read once, QC and crop in the same pass; one take's samples in memory at a time) and stream
 *       the passing samples into {@link DatasetUpdate}: unchanged shards hard-linked byte-identical,
 *       shards losing samples rewritten, new samples in new shards, subjects keep their split, index,
 *       splits and manifest (with the new take records) rewritten, the directory swapped in atomically.
 * </ol>
 */
public final class LabBuild {
  private static final Logger LOG = LoggerFactory.getLogger(LabBuild.class);

  private LabBuild() {}

  /**
   * What a build did.
   *
   * @param incremental whether a previous dataset was reused
   * @param takesReused takes whose samples were kept as they were
   * @param takesRegistered takes registered (new, changed, or all on a full build)
   * @param takesDropped takes of the previous dataset no longer in the lab
   * @param exclusions QC exclusions of the whole dataset
   * @param registered registration/QC figures (and truth score, with a truth folder) of the takes
   *     registered in this run, as a {@link BuildPlan}
   */
  public record Result(
      DatasetModel.Index index,
      DatasetUpdate.Result update,
      boolean incremental,
      int takesReused,
      int takesRegistered,
      int takesDropped,
      List<QcExclusion> exclusions,
      BuildPlan registered) {}

  /**
   * @param base seed, ratios, shard size, code version and creation time; its shape must be the
   *     registration config's sample size
   * @param full register every take and draw splits afresh even when {@code out} holds a dataset
   */
  public static Result build(DatasetBuilder.Inputs in, RegistrationConfig cfg, DatasetConfig base, Path out, boolean full,
      BuildListener listener) throws IOException {
    RigDescription rig = DatasetBuilder.labRig(in.lab());
    SampleShape shape = new SampleShape(cfg.sampleHeight(), cfg.sampleWidth(), 1);
    DpAxis axis = dpAxis(rig);
    if (!base.shape().equals(shape) || base.dpAxis() != axis) {
      throw new IllegalArgumentException("dataset config " + base.shape() + " " + base.dpAxis() + " differs from the build's " + shape + " " + axis);
    }
    CameraSources sources = new CameraSources(rig, in.calibration());
    Set<String> withdrawn = new TreeSet<>(LabTakes.withdrawnSubjects(in.lab()));
    Set<String> withdrawnHashes = withdrawnFromDataset(out);
    List<LabTake> takes = LabTakes.scan(in.lab()).stream()
        .filter(t -> !withdrawn.contains(t.subjectId()) && !withdrawnHashes.contains(DatasetFiles.sha256(t.subjectId()))).toList();
    if (takes.isEmpty()) {
      throw new IOException(in.lab() + " has no complete take");
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (LabTake t : takes) {
      digests.put(t.key(), TakeDigest.of(t, meshFile(in, t), sources, cfg));
    }
    DatasetModel.Manifest previous = full ? null : reusable(out, base);
    Map<String, TakeRecord> before = new HashMap<>();
    if (previous != null) {
      previous.takes().forEach(r -> before.put(r.sessionId() + "/" + r.takeId(), r));
    }
    List<TakeRecord> records = new ArrayList<>();
    List<QcExclusion> exclusions = new ArrayList<>();
    Set<String> keep = new HashSet<>();
    List<LabTake> toRegister = new ArrayList<>();
    for (LabTake t : takes) {
      TakeRecord r = before.get(t.key());
      if (r != null && r.inputSha256().equals(digests.get(t.key())) && r.subjectId().equals(t.subjectId())) {
        records.add(r);
        keep.addAll(r.samples());
        Set<String> excluded = new HashSet<>(r.excluded());
        previous.qcExclusions().stream().filter(q -> excluded.contains(q.sampleId())).forEach(exclusions::add);
      } else {
        toRegister.add(t);
      }
    }
    Set<String> current = new HashSet<>(digests.keySet());
    int dropped = (int) before.keySet().stream().filter(k -> !current.contains(k)).count();
    int reused = takes.size() - toRegister.size();
    LOG.info("build {}: {} take(s) unchanged, {} to register, {} gone", out, reused, toRegister.size(), dropped);

    Map<String, String> consent = LabTakes.consentVersions(in.lab());
    Set<String> subjects = new TreeSet<>();
    takes.forEach(t -> subjects.add(t.subjectId()));
    Map<String, String> consentOfSubjects = new TreeMap<>();
    subjects.forEach(s -> consentOfSubjects.put(s, consent.getOrDefault(s, "unknown")));

    List<PlannedSample> registered = new ArrayList<>();
    TruthAccumulator truth = in.truth() == null ? null : new TruthAccumulator();
    try (Registration reg = new Registration(cfg)) {
      TakeRegistrar registrar = new TakeRegistrar(in, sources, reg, new SampleQc(cfg), truth);
      int[] index = {0};
      for (LabTake t : takes) {
        if (!toRegister.contains(t)) {
          listener.takeStarted(t.key(), ++index[0], takes.size(), true);
        }
      }
      Iterator<Sample> samples = new TakeIterator(toRegister, t -> {
        listener.takeStarted(t.key(), ++index[0], takes.size(), false);
        TakeRegistrar.Outcome o;
        List<Sample> got = new ArrayList<>();
        o = registrar.run(t, got::add, listener);
        registered.addAll(o.samples());
        exclusions.addAll(o.exclusions());
        records.add(new TakeRecord(t.sessionId(), t.takeId(), t.subjectId(), digests.get(t.key()),
            o.samples().stream().filter(PlannedSample::included).map(PlannedSample::sampleId).toList(),
            o.exclusions().stream().map(QcExclusion::sampleId).toList()));
        return got;
      });
      DatasetConfig config = base.withProvenance(sources.provenance(), consentOfSubjects, List.of());
      DatasetUpdate.Result u = DatasetUpdate.apply(out, previous != null, keep::contains, subjects, samples, config,
          c -> c.withProvenance(c.calibrationIds(), c.consentVersions(), sorted(exclusions)).withTakes(sortedTakes(records)),
          listener::shardWritten);
      List<QcExclusion> newExclusions = registered.stream().filter(p -> !p.included())
          .map(p -> new QcExclusion(p.sampleId(), p.subjectId(), p.reason())).toList();
      BuildPlan plan = new BuildPlan(BuildPlan.FORMAT, BuildPlan.VERSION, in.lab().toString(), in.recon().toString(),
          in.calibration() == null ? null : in.calibration().toString(), in.truth() == null ? null : in.truth().toString(), rig.id(),
          sources.provenance(), shape, axis.attribute(), new ArrayList<>(subjects), consentOfSubjects, registered, newExclusions,
          truth == null || truth.views() == 0 ? null : truth.score());
      return new Result(u.index(), u, previous != null, reused, toRegister.size(), dropped, sorted(exclusions), plan);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** SHA-256 of the subjects in {@code out/deletions.json} (their takes are not even registered). */
  private static Set<String> withdrawnFromDataset(Path out) throws IOException {
    Path file = out.resolve(DatasetFiles.DELETIONS);
    Set<String> out2 = new HashSet<>();
    if (Files.isRegularFile(file)) {
      DatasetFiles.read(file, DatasetModel.DeletionLog.class).entries().forEach(e -> out2.add(e.subjectSha256()));
    }
    return out2;
  }

  private static Path meshFile(DatasetBuilder.Inputs in, LabTake t) {
    return in.recon().resolve(t.sessionId()).resolve(t.takeId()).resolve("mesh.ply");
  }

  /** The DP axis of the rig's DP cameras (the dataset's {@code dp_axis}). */
  public static DpAxis dpAxis(RigDescription rig) {
    for (CameraSpec c : rig.cameras()) {
      if (c.dualPixel().present() && c.dualPixel().splitAxis().isPresent()) {
        return DpAxis.valueOf(c.dualPixel().splitAxis().get().name());
      }
    }
    throw new IllegalArgumentException("rig " + rig.id() + " has no DP camera");
  }

  /** The previous manifest when its dataset can be updated in place, else null (with the reason logged). */
  private static DatasetModel.Manifest reusable(Path out, DatasetConfig base) throws IOException {
    Path file = out.resolve(DatasetFiles.MANIFEST);
    if (!Files.isRegularFile(file) || !Files.isRegularFile(out.resolve(DatasetFiles.INDEX))) {
      return null;
    }
    DatasetModel.Manifest m = DatasetFiles.read(file, DatasetModel.Manifest.class);
    String why = null;
    if (m.takes() == null || m.takes().isEmpty()) {
      why = "it has no take records";
    } else if (!base.shape().equals(m.sampleShape()) || !base.dpAxis().attribute().equals(m.dpAxis())) {
      why = "its sample shape or DP axis differs";
    } else if (base.seed() != m.seed() || !base.ratios().equals(m.ratios())) {
      why = "its split seed or ratios differ";
    } else if (base.maxShardBytes() != m.maxShardBytes() || base.deflateLevel() != m.deflateLevel()) {
      why = "its shard size or deflate level differs";
    }
    if (why != null) {
      LOG.info("{}: full rebuild because {}", out, why);
      return null;
    }
    return m;
  }

  private static List<QcExclusion> sorted(List<QcExclusion> e) {
    List<QcExclusion> out = new ArrayList<>(e);
    out.sort(java.util.Comparator.comparing(QcExclusion::sampleId));
    return out;
  }

  private static List<TakeRecord> sortedTakes(List<TakeRecord> r) {
    List<TakeRecord> out = new ArrayList<>(r);
    out.sort(java.util.Comparator.comparing(TakeRecord::sessionId).thenComparing(TakeRecord::takeId));
    return out;
  }

  /** One take's work, producing its samples. */
  private interface TakeWork {
    List<Sample> run(LabTake take) throws IOException;
  }

  /** Runs {@link TakeWork} take by take as samples are pulled; holds one take's samples at a time. */
  private static final class TakeIterator implements Iterator<Sample> {
    private final Iterator<LabTake> takes;
    private final TakeWork work;
    private final ArrayDeque<Sample> pending = new ArrayDeque<>();

    TakeIterator(List<LabTake> takes, TakeWork work) {
      this.takes = takes.iterator();
      this.work = work;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && takes.hasNext()) {
        try {
          pending.addAll(work.run(takes.next()));
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
      return pending.removeFirst();
    }
  }
}
