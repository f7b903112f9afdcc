package org.dpface.core.mesh;

/**
 * Union–find on a plain {@code int[]} parent array (path halving, union by smaller root index, so the
 * representative of a set is its smallest member and results do not depend on union order). Used for
 * connected components of mesh vertices and boundary loops.
 */
public final class DisjointSets {
  private DisjointSets() {}

  /** A parent array of {@code n} singleton sets. */
  public static int[] singletons(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /** The representative (smallest member) of {@code i}'s set; halves the path as it goes. */
  public static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  /** Merges the sets of {@code a} and {@code b}; the smaller representative survives. */
  public static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra < rb) {
      p[rb] = ra;
    } else if (rb < ra) {
      p[ra] = rb;
    }
  }
}
