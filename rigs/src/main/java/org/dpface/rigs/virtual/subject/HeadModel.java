package org.dpface.rigs.virtual.subject;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpface.core.mesh.TriangleMesh;

/**
 * A linear morphable head model on a fixed triangle topology:
 *
 * <pre>vertices = mean + Σ_i α_i · identity_i + Σ_j β_j · expression_j</pre>
 *
 * with every array holding x, y, z per vertex (float32, mm). Identity bases are scaled so that
 * α_i = ±1 is one standard deviation of the trait; expression bases so that β_j = 1 is the full
 * expression.
 *
 * <p><b>Head frame</b> ({@link #FRAME}): millimetres, origin midway between the ear canals, x toward
 * the subject's <em>left</em>, y down, z toward the back of the head; the face looks along -z. With
 * this choice a subject facing camera 0 has the same axes as camera 0's OpenCV frame, so the front
 * pose's {@code headToWorld} is a pure translation for a camera on the world axis (see {@link
 * SubjectPlacement}).
 *
 * <p>{@link #standard()} is the analytic model of this package (mean head from {@link
 * MeanHeadShape}, 17 identity traits, frown and yawn): 81,920 triangles, 40,962 vertices, watertight,
 * outward counter-clockwise winding. Later stages fit the same model to measured depth; {@link
 * HeadModelFiles} saves and loads it in a versioned binary format.
 *
 * <p>Immutable; accessors return copies (documented as allocating), {@link #vertices} writes into a
 * caller buffer.
 */
public final class HeadModel {
  /** Description of the head frame stored in model files. */
  public static final String FRAME =
      "head frame, mm: origin midway between the ear canals, x toward the subject's left, y down,"
          + " z toward the back of the head (the face looks along -z)";

  private final float[] mean;
  private final int[] faces;
  private final List<String> identityNames;
  private final List<String> identityDescriptions;
  private final float[][] identity;
  private final List<String> expressionNames;
  private final float[][] expression;

  /**
   * Model from its arrays (copied). Every basis has the mean's length; names are unique per kind.
   *
   * @throws IllegalArgumentException on inconsistent sizes, bad face indices or duplicate names
   */
  public HeadModel(
      float[] mean,
      int[] faces,
      List<String> identityNames,
      List<String> identityDescriptions,
      float[][] identity,
      List<String> expressionNames,
      float[][] expression) {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(faces, "faces");
    if (mean.length % 3 != 0 || mean.length == 0) {
      throw new IllegalArgumentException("mean length " + mean.length + " is not a positive multiple of 3");
    }
    new TriangleMesh(mean, faces); // checks face indices
    if (faces.length == 0) {
      throw new IllegalArgumentException("model has no faces");
    }
    if (identityNames.size() != identity.length || identityDescriptions.size() != identity.length) {
      throw new IllegalArgumentException("identity names/descriptions do not match " + identity.length + " bases");
    }
    if (expressionNames.size() != expression.length) {
      throw new IllegalArgumentException("expression names do not match " + expression.length + " bases");
    }
    checkNames("identity", identityNames);
    checkNames("expression", expressionNames);
    this.mean = mean.clone();
    this.faces = faces.clone();
    this.identityNames = List.copyOf(identityNames);
    this.identityDescriptions = List.copyOf(identityDescriptions);
    this.identity = copyBases("identity", identity, mean.length);
    this.expressionNames = List.copyOf(expressionNames);
    this.expression = copyBases("expression", expression, mean.length);
  }

  /** The standard analytic model of this package; builds it (about a second) on first use. */
  public static HeadModel standard() {
    return Standard.MODEL;
  }

  /** Builds a fresh copy of the standard model (for timing and determinism checks). */
  public static HeadModel buildStandard() {
    HeadTemplate t = new HeadTemplate();
    int n = t.vertexCount;
    float[] mean = new float[n * 3];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) t.mean[i];
    }
    IdentityField[] idf = IdentityField.values();
    ExpressionField[] exf = ExpressionField.values();
    float[][] id = new float[idf.length][n * 3];
    float[][] ex = new float[exf.length][n * 3];
    double[] p = new double[3];
    double[] p0 = new double[3];
    double[] u = new double[3];
    double[] d = new double[3];
    for (int v = 0; v < n; v++) {
      int k = v * 3;
      for (int c = 0; c < 3; c++) {
        p[c] = t.mean[k + c];
        p0[c] = t.base[k + c];
        u[c] = t.dir[k + c];
      }
      for (int b = 0; b < idf.length; b++) {
        idf[b].eval(p, p0, u, d);
        id[b][k] = (float) d[0];
        id[b][k + 1] = (float) d[1];
        id[b][k + 2] = (float) d[2];
      }
      for (int b = 0; b < exf.length; b++) {
        exf[b].eval(p, p0, u, d);
        ex[b][k] = (float) d[0];
        ex[b][k + 1] = (float) d[1];
        ex[b][k + 2] = (float) d[2];
      }
    }
    return new HeadModel(
        mean,
        t.faces,
        Arrays.stream(idf).map(f -> f.id).toList(),
        Arrays.stream(idf).map(f -> f.description).toList(),
        id,
        Arrays.stream(exf).map(f -> f.id).toList(),
        ex);
  }

  public int vertexCount() {
    return mean.length / 3;
  }

  public int faceCount() {
    return faces.length / 3;
  }

  public int identityCount() {
    return identity.length;
  }

  public int expressionCount() {
    return expression.length;
  }

  /** The mean head (x, y, z per vertex, mm, head frame). Allocates a copy. */
  public float[] mean() {
    return mean.clone();
  }

  /** Three vertex indices per triangle, counter-clockwise seen from outside. Allocates a copy. */
  public int[] faces() {
    return faces.clone();
  }

  /** Identity basis i (mm per standard deviation, per vertex). Allocates a copy. */
  public float[] identityBasis(int i) {
    return identity[i].clone();
  }

  /** Expression basis j (mm at full expression, per vertex). Allocates a copy. */
  public float[] expressionBasis(int j) {
    return expression[j].clone();
  }

  public List<String> identityNames() {
    return identityNames;
  }

  /** What one standard deviation of each identity basis does (free text). */
  public List<String> identityDescriptions() {
    return identityDescriptions;
  }

  public List<String> expressionNames() {
    return expressionNames;
  }

  /** Index of the expression basis named {@code name}, or -1. */
  public int expressionIndex(String name) {
    return expressionNames.indexOf(name);
  }

  /**
   * Writes mean + Σ α_i identity_i + Σ β_j expression_j into {@code out} (3 per vertex, mm, head
   * frame; allocated when null or too short) and returns it. Missing trailing coefficients count as 0;
   * float32 accumulation in basis order, so results are bit-reproducible.
   */
  public float[] vertices(double[] alpha, double[] beta, float[] out) {
    if (alpha.length > identity.length || beta.length > expression.length) {
      throw new IllegalArgumentException("got " + alpha.length + " identity / " + beta.length
          + " expression coefficients for a model with " + identity.length + " / " + expression.length);
    }
    float[] v = out != null && out.length >= mean.length ? out : new float[mean.length];
    System.arraycopy(mean, 0, v, 0, mean.length);
    for (int i = 0; i < alpha.length; i++) {
      addScaled(v, identity[i], (float) alpha[i]);
    }
    for (int j = 0; j < beta.length; j++) {
      addScaled(v, expression[j], (float) beta[j]);
    }
    return v;
  }

  /** Head-frame mesh of the given coefficients with vertex normals. Allocates. */
  public TriangleMesh mesh(double[] alpha, double[] beta) {
    TriangleMesh m = new TriangleMesh(vertices(alpha, beta, null), faces.clone());
    m.computeVertexNormals();
    return m;
  }

  // Package-private views for the file writer (no copies).
  float[] meanView() {
    return mean;
  }

  int[] facesView() {
    return faces;
  }

  float[] identityView(int i) {
    return identity[i];
  }

  float[] expressionView(int j) {
    return expression[j];
  }

  private static void addScaled(float[] v, float[] basis, float c) {
    if (c == 0) {
      return;
    }
    for (int i = 0; i < basis.length; i++) {
      v[i] += c * basis[i];
    }
  }

  private static float[][] copyBases(String kind, float[][] bases, int length) {
    float[][] copy = new float[bases.length][];
    for (int i = 0; i < bases.length; i++) {
      if (bases[i].length != length) {
        throw new IllegalArgumentException(kind + " basis " + i + " has length " + bases[i].length + ", expected " + length);
      }
      copy[i] = bases[i].clone();
    }
    return copy;
  }

  private static void checkNames(String kind, List<String> names) {
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException(kind + " names are not unique: " + names);
    }
    for (String n : names) {
      if (n == null || n.isEmpty()) {
        throw new IllegalArgumentException(kind + " name is empty");
      }
    }
  }

  /** Lazy holder: the standard model is built once per JVM on first use. */
  private static final class Standard {
    static final HeadModel MODEL = buildStandard();
  }
}
