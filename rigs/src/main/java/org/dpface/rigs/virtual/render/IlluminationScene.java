package org.dpface.rigs.virtual.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.Rasterizer;
import org.dpface.rigs.LightSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * The light sources of a rig and their shadow maps for one subject pose: rendered once per pose by
 * {@link #render} and shared by the {@link SceneLookup}s of every camera. Buffers are reused between
 * poses.
 */
public final class IlluminationScene {
  /** Default shadow-map size (pixels per side) of the lamps' virtual shadow cameras. */
  public static final int DEFAULT_LIGHT_SHADOW_MAP = 512;

  private final List<ProjectorSource> projectors;
  private final List<LightSource> lights;
  private final boolean lightShadows;
  private int generation;

  /**
   * @param projectors projectors (their shadow maps are always rendered)
   * @param lights lamps
   * @param lightShadows whether lamps cast shadows (renders one map per lamp)
   */
  public IlluminationScene(List<ProjectorSource> projectors, List<LightSource> lights, boolean lightShadows) {
    this.projectors = List.copyOf(projectors);
    this.lights = List.copyOf(lights);
    this.lightShadows = lightShadows;
  }

  /** Every projector and light of {@code rig}, lamp shadows on with {@link #DEFAULT_LIGHT_SHADOW_MAP}. */
  public static IlluminationScene of(RigDescription rig) {
    return of(rig, true, DEFAULT_LIGHT_SHADOW_MAP);
  }

  /** Every projector and light of {@code rig}. */
  public static IlluminationScene of(RigDescription rig, boolean lightShadows, int lightShadowMapSize) {
    Objects.requireNonNull(rig, "rig");
    List<ProjectorSource> p = new ArrayList<>();
    for (ProjectorSpec spec : rig.projectors()) {
      p.add(ProjectorSource.of(spec, rig.nominalGeometry().subjectCentreMm()));
    }
    List<LightSource> l = new ArrayList<>();
    for (LightSpec spec : rig.lights()) {
      l.add(LightSource.of(spec, rig.nominalGeometry(), lightShadowMapSize));
    }
    return new IlluminationScene(p, l, lightShadows);
  }

  public List<ProjectorSource> projectors() {
    return projectors;
  }

  public List<LightSource> lights() {
    return lights;
  }

  public boolean lightShadows() {
    return lightShadows;
  }

  /** Index of the projector with {@code id}, or -1. */
  public int projectorIndex(String id) {
    for (int i = 0; i < projectors.size(); i++) {
      if (projectors.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the light with {@code id}, or -1. */
  public int lightIndex(String id) {
    for (int i = 0; i < lights.size(); i++) {
      if (lights.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** Counts {@link #render} calls; a lookup built from an older render is stale. */
  public int generation() {
    return generation;
  }

  /** Renders the shadow maps of {@code mesh} (world frame, the posed subject) for every source. */
  public void render(TriangleMesh mesh, Rasterizer rasterizer) {
    Objects.requireNonNull(mesh, "mesh");
    for (ProjectorSource p : projectors) {
      p.view().render(mesh, rasterizer);
    }
    if (lightShadows) {
      for (LightSource l : lights) {
        l.shadow().render(mesh, rasterizer);
      }
    }
    generation++;
  }
}
