package org.dpface.rigs.virtual.subject;

import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;

/**
 * A {@link SyntheticSubject} in one {@link SubjectPose}: the world-frame mesh (mm, vertex normals,
 * sRGB 8-bit preview colours for PLY), the head-frame vertices, {@code headToWorld}, and per-vertex
 * <em>material coordinates</em> — the vertex's position on the neutral mean head (head frame, mm),
 * which move with the skin and are the argument of {@link SkinAlbedo#albedo}. After rasterizing,
 * {@link #albedoAt} interpolates them with the barycentrics of the visible triangle.
 *
 * <p>The arrays are owned by this object and shared with the mesh; do not modify them.
 */
public final class PosedSubject {
  private final SyntheticSubject subject;
  private final SubjectPose pose;
  private final RigidTransform headToWorld;
  private final TriangleMesh mesh;
  private final float[] headVertices;
  private final float[] material;
  private final int noseTip;

  PosedSubject(
      SyntheticSubject subject,
      SubjectPose pose,
      RigidTransform headToWorld,
      TriangleMesh mesh,
      float[] headVertices,
      float[] material,
      int noseTip) {
    this.subject = subject;
    this.pose = pose;
    this.headToWorld = headToWorld;
    this.mesh = mesh;
    this.headVertices = headVertices;
    this.material = material;
    this.noseTip = noseTip;
  }

  public SyntheticSubject subject() {
    return subject;
  }

  public SubjectPose pose() {
    return pose;
  }

  /** Head frame ({@link HeadModel#FRAME}) to world. */
  public RigidTransform headToWorld() {
    return headToWorld;
  }

  /** World-frame mesh (mm) with vertex normals and sRGB preview colours. */
  public TriangleMesh mesh() {
    return mesh;
  }

  /** Posed head-frame vertices (3 per vertex, mm); not a copy. */
  public float[] headFrameVertices() {
    return headVertices;
  }

  /** Material coordinates (3 per vertex, mm on the neutral mean head); not a copy. */
  public float[] materialCoordinates() {
    return material;
  }

  /** Index of the nose-tip vertex. */
  public int noseTipIndex() {
    return noseTip;
  }

  /** Nose tip in the world frame (mm). Allocates. */
  public double[] noseTipWorld() {
    return new double[] {
      mesh.positions[noseTip * 3], mesh.positions[noseTip * 3 + 1], mesh.positions[noseTip * 3 + 2]
    };
  }

  /**
   * Linear RGB albedo at barycentric (b1, b2) of {@code triangle} (weights of its vertices 1 and 2, as
   * in the rasterizer's {@code RenderTarget}; vertex 0 has 1 - b1 - b2) into out[off..off+2].
   */
  public void albedoAt(int triangle, float b1, float b2, float[] out, int off) {
    int[] f = mesh.faces;
    int a = f[triangle * 3] * 3;
    int b = f[triangle * 3 + 1] * 3;
    int c = f[triangle * 3 + 2] * 3;
    double b0 = 1.0 - b1 - b2;
    double x = b0 * material[a] + b1 * material[b] + b2 * material[c];
    double y = b0 * material[a + 1] + b1 * material[b + 1] + b2 * material[c + 1];
    double z = b0 * material[a + 2] + b1 * material[b + 2] + b2 * material[c + 2];
    subject.albedo().albedo(x, y, z, out, off);
  }

  /** sRGB-encoded 8-bit albedo per vertex (for PLY previews). */
  static byte[] previewColors(SkinAlbedo albedo, float[] material) {
    byte[] colors = new byte[material.length];
    float[] rgb = new float[3];
    for (int i = 0; i < material.length; i += 3) {
      albedo.albedo(material[i], material[i + 1], material[i + 2], rgb, 0);
      for (int c = 0; c < 3; c++) {
        colors[i + c] = (byte) Math.round(255 * SkinAlbedo.linearToSrgb(rgb[c]));
      }
    }
    return colors;
  }
}
