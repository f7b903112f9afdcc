package org.dpface.rigs.virtual.subject;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;

/**
 * A synthetic subject: a pseudonymous id ({@code sub-0001}), identity coefficients α of a {@link
 * HeadModel} and a {@link SkinAlbedo}, all drawn from one seed. No personal data.
 *
 * <p>Identity coefficients are standard normal (one per identity basis, so ±1 is one standard
 * deviation of each trait), clipped to ±{@link #MAX_ABS_COEFFICIENT}. Same (number, seed, model
 * size) → identical subject.
 */
public final class SyntheticSubject {
  /** Identity coefficients are clipped to this magnitude (standard deviations). */
  public static final double MAX_ABS_COEFFICIENT = 2.5;

  private final String id;
  private final long seed;
  private final double[] identity;
  private final SkinAlbedo albedo;

  private SyntheticSubject(String id, long seed, double[] identity, SkinAlbedo albedo) {
    this.id = id;
    this.seed = seed;
    this.identity = identity;
    this.albedo = albedo;
  }

  /**
   * Subject number {@code number} (1..9999, id {@code sub-%04d}) drawn from {@code seed} with one
   * coefficient per identity basis of {@code model}.
   */
  public static SyntheticSubject create(int number, long seed, HeadModel model) {
    return create(number, seed, model.identityCount());
  }

  /** As {@link #create(int, long, HeadModel)} for a model with {@code identityCount} identity bases. */
  public static SyntheticSubject create(int number, long seed, int identityCount) {
    if (number < 1 || number > 9999) {
      throw new IllegalArgumentException("subject number must be in [1, 9999], got " + number);
    }
    SplittableRandom rnd = new SplittableRandom(ProceduralNoise.mix(seed ^ 0x5eb1ec7L));
    double[] alpha = new double[identityCount];
    for (int i = 0; i < identityCount; i++) {
      alpha[i] = Math.max(-MAX_ABS_COEFFICIENT, Math.min(MAX_ABS_COEFFICIENT, rnd.nextGaussian()));
    }
    SkinAlbedo albedo = SkinAlbedo.fromSeed(ProceduralNoise.mix(seed + 0x6a09e667f3bcc909L));
    return new SyntheticSubject(String.format(Locale.ROOT, "sub-%04d", number), seed, alpha, albedo);
  }

  /** Subject {@code number} of a data set: its seed is derived from the data-set seed and the number. */
  public static SyntheticSubject ofDataset(long datasetSeed, int number, HeadModel model) {
    return create(number, ProceduralNoise.mix(datasetSeed * 0x9e3779b97f4a7c15L + number), model);
  }

  /** Pseudonymous id, e.g. {@code sub-0001}. */
  public String id() {
    return id;
  }

  public long seed() {
    return seed;
  }

  /** Identity coefficients α (standard deviations). Allocates a copy. */
  public double[] identityCoefficients() {
    return identity.clone();
  }

  public SkinAlbedo albedo() {
    return albedo;
  }

  /** Head-frame vertices (mm) of this subject with {@code expression}. Allocates. */
  public float[] headVertices(HeadModel model, Expression expression) {
    checkModel(model);
    return model.vertices(identity, expression.coefficients(model), null);
  }

  /**
   * The subject in {@code pose}, placed by {@code placement}: world-frame mesh with vertex normals and
   * sRGB preview colours, head-frame vertices and material coordinates (see {@link PosedSubject}). The
   * head origin is set so that this subject's own nose tip, in the front pose, is at the pose's
   * distance from camera 0.
   */
  public PosedSubject pose(HeadModel model, SubjectPose pose, SubjectPlacement placement) {
    Objects.requireNonNull(pose, "pose");
    Objects.requireNonNull(placement, "placement");
    int tip = noseTipIndex(model);
    float[] neutral = headVertices(model, Expression.NEUTRAL);
    float[] head = pose.expression() == Expression.NEUTRAL ? neutral : headVertices(model, pose.expression());
    double[] noseTip = {neutral[tip * 3], neutral[tip * 3 + 1], neutral[tip * 3 + 2]};
    RigidTransform headToWorld = placement.headToWorld(pose.direction(), pose.distance(), noseTip);
    float[] material = model.mean();
    TriangleMesh headMesh = new TriangleMesh(head, model.faces());
    headMesh.computeVertexNormals();
    TriangleMesh world = headMesh.transformed(headToWorld);
    world.colors = PosedSubject.previewColors(albedo, material);
    return new PosedSubject(this, pose, headToWorld, world, head, material, tip);
  }

  /** Index of the nose tip: the mean head's front-most vertex (smallest z). */
  public static int noseTipIndex(HeadModel model) {
    float[] m = model.meanView();
    int best = 0;
    for (int i = 1; i < m.length / 3; i++) {
      if (m[i * 3 + 2] < m[best * 3 + 2]) {
        best = i;
      }
    }
    return best;
  }

  private void checkModel(HeadModel model) {
    if (model.identityCount() != identity.length) {
      throw new IllegalArgumentException("subject has " + identity.length + " identity coefficients, model has "
          + model.identityCount() + " bases");
    }
  }
}
