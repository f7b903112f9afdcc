package org.dpface.reconstruction.pipeline;

import java.util.Arrays;
import org.dpface.core.mesh.DisjointSets;
import org.dpface.core.mesh.TriangleMesh;

/**
 * Topology counts of a triangle mesh for QC: connected components, boundary edges (used by one triangle)
 * and the closed loops they form, and holes = loops beyond one outer rim per component that has a boundary.
 * Union-find over vertex indices; allocation proportional to the mesh.
 *
 * @param components connected components (by shared vertices)
 * @param boundaryEdges edges used by exactly one triangle
 * @param boundaryLoops connected chains of boundary edges
 * @param holes {@code boundaryLoops} minus the number of components that have any boundary
 */
record MeshTopology(int components, int boundaryEdges, int boundaryLoops, int holes) {

  static MeshTopology of(TriangleMesh m) {
    int n = m.vertexCount();
    int[] f = m.faces;
    int[] comp = DisjointSets.singletons(n);
    boolean[] used = new boolean[n];
    long[] e = new long[f.length];
    for (int i = 0; i < f.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        int a = f[i + k];
        int b = f[i + (k + 1) % 3];
        used[a] = true;
        DisjointSets.union(comp, a, b);
        e[i + k] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
      }
    }
    Arrays.sort(e);
    int[] loop = DisjointSets.singletons(n);
    boolean[] onBoundary = new boolean[n];
    int boundary = 0;
    for (int i = 0; i < e.length; ) {
      int j = i;
      while (j < e.length && e[j] == e[i]) {
        j++;
      }
      if (j - i == 1) {
        int a = (int) (e[i] >>> 32);
        int b = (int) e[i];
        DisjointSets.union(loop, a, b);
        onBoundary[a] = true;
        onBoundary[b] = true;
        boundary++;
      }
      i = j;
    }
    int components = 0;
    int loops = 0;
    boolean[] openComponent = new boolean[n];
    for (int v = 0; v < n; v++) {
      if (used[v] && DisjointSets.find(comp, v) == v) {
        components++;
      }
      if (onBoundary[v]) {
        if (DisjointSets.find(loop, v) == v) {
          loops++;
        }
        openComponent[DisjointSets.find(comp, v)] = true;
      }
    }
    int open = 0;
    for (boolean b : openComponent) {
      open += b ? 1 : 0;
    }
    return new MeshTopology(components, boundary, loops, Math.max(0, loops - open));
  }



}
