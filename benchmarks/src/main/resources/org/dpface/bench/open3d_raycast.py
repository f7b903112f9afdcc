"""Open3D peer for the dpface rasterizer benchmark.

Usage: open3d_raycast.py MESH.ply RAYS.f32 WIDTH HEIGHT REPEATS NTHREADS OUT_T_HIT.f32
Rays: float32 (x', y') per pixel, row-major; each ray starts at the camera centre with direction
(x', y', 1), so Open3D's t_hit is the planar depth Z in mm. Only cast_rays is timed.
Prints one JSON line with the best and median time per cast.
"""
import json
import sys
import time

import numpy as np
import open3d as o3d


def main():
    ply, rays_path, w, h, repeats, nthreads, out_path = sys.argv[1:8]
    w, h, repeats, nthreads = int(w), int(h), int(repeats), int(nthreads)
    legacy = o3d.io.read_triangle_mesh(ply)
    mesh = o3d.t.geometry.TriangleMesh.from_legacy(legacy)
    scene = o3d.t.geometry.RaycastingScene()
    scene.add_triangles(mesh)
    xy = np.fromfile(rays_path, dtype="<f4").reshape(h, w, 2)
    rays = np.zeros((h, w, 6), dtype=np.float32)
    rays[..., 3:5] = xy
    rays[..., 5] = 1.0
    rays_t = o3d.core.Tensor(rays)
    ans = scene.cast_rays(rays_t, nthreads=nthreads)  # warm-up; builds the BVH
    hits = int(np.isfinite(ans["t_hit"].numpy()).sum())
    if hits == 0:
        # Sanity check on Open3D's own example geometry: a ray straight at a unit box.
        box = o3d.t.geometry.TriangleMesh.from_legacy(o3d.geometry.TriangleMesh.create_box())
        box_scene = o3d.t.geometry.RaycastingScene()
        box_scene.add_triangles(box)
        probe = o3d.core.Tensor([[0.5, 0.5, -1, 0, 0, 1]], dtype=o3d.core.float32)
        box_hit = float(box_scene.cast_rays(probe)["t_hit"].numpy()[0])
        t0 = time.perf_counter()
        scene.cast_rays(rays_t, nthreads=nthreads)
        print(json.dumps({"error": "open3d %s returned no hit for any of %d rays; a ray straight at a unit box "
                          "gives t_hit=%s (expected 1.0); a cast took %.1f ms" % (
                              o3d.__version__, w * h, box_hit, 1e3 * (time.perf_counter() - t0))}))
        sys.exit(3)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ans = scene.cast_rays(rays_t, nthreads=nthreads)
        times.append(time.perf_counter() - t0)
    t_hit = ans["t_hit"].numpy().astype("<f4")
    t_hit.tofile(out_path)
    print(json.dumps({
        "open3d": o3d.__version__,
        "triangles": int(len(legacy.triangles)),
        "best_s": min(times),
        "median_s": float(np.median(times)),
        "repeats": repeats,
        "nthreads": nthreads,
    }))


if __name__ == "__main__":
    main()
