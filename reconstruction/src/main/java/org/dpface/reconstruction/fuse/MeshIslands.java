package org.dpface.reconstruction.fuse;

import java.util.Arrays;
import org.dpface.core.mesh.DisjointSets;
import org.dpface.core.mesh.TriangleMesh;

/**
 * Removes small connected components ("islands": floating specks from outliers) of a {@link FusedMesh}.
 * Components are found by union-find over the vertices of each triangle; vertex and face order of the
 * survivors is kept, so the result is deterministic.
 */
public final class MeshIslands {
  private MeshIslands() {}

  /** Component label (smallest vertex index of the component) of every vertex. */
  public static int[] components(TriangleMesh mesh) {
    int n = mesh.vertexCount();
    int[] parent = DisjointSets.singletons(n);
    int[] f = mesh.faces;
    for (int i = 0; i < f.length; i += 3) {
      DisjointSets.union(parent, f[i], f[i + 1]);
      DisjointSets.union(parent, f[i], f[i + 2]);
    }
    for (int i = 0; i < n; i++) {
      parent[i] = DisjointSets.find(parent, i);
    }
    return parent;
  }



  /** A copy without the components that have fewer than {@code minFaces} triangles. */
  public static FusedMesh removeSmall(FusedMesh in, int minFaces) {
    TriangleMesh mesh = in.mesh();
    int[] label = components(mesh);
    int[] faceCount = new int[mesh.vertexCount()];
    int[] f = mesh.faces;
    for (int i = 0; i < f.length; i += 3) {
      faceCount[label[f[i]]]++;
    }
    int[] remap = new int[mesh.vertexCount()];
    Arrays.fill(remap, -1);
    int keptFaces = 0;
    for (int i = 0; i < f.length; i += 3) {
      if (faceCount[label[f[i]]] >= minFaces) {
        keptFaces++;
        for (int k = 0; k < 3; k++) {
          remap[f[i + k]] = 0;
        }
      }
    }
    int nv = 0;
    for (int i = 0; i < remap.length; i++) {
      if (remap[i] == 0) {
        remap[i] = nv++;
      }
    }
    float[] pos = new float[3 * nv];
    float[] wts = new float[nv];
    for (int i = 0; i < remap.length; i++) {
      int j = remap[i];
      if (j >= 0) {
        System.arraycopy(mesh.positions, 3 * i, pos, 3 * j, 3);
        wts[j] = in.vertexWeight()[i];
      }
    }
    int[] faces = new int[3 * keptFaces];
    int k = 0;
    for (int i = 0; i < f.length; i += 3) {
      if (faceCount[label[f[i]]] >= minFaces) {
        faces[k++] = remap[f[i]];
        faces[k++] = remap[f[i + 1]];
        faces[k++] = remap[f[i + 2]];
      }
    }
    return new FusedMesh(new TriangleMesh(pos, faces), wts);
  }
}
