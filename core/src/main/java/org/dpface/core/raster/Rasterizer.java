package org.dpface.core.raster;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;

/**
 * Exact z-buffer rasterizer: renders a {@link TriangleMesh} (world frame, mm) into a camera with
 * OpenCV distortion, producing planar depth, oriented normals, triangle ids, barycentrics and a mask
 * ({@link RenderTarget}).
 *
 * <p>Algorithm overview:
 *
 * <ol>
 *   <li>Per camera, a {@link RayTable} holds the undistorted ray (x', y', 1) of every pixel centre
 *       (cached here, keyed by the {@link CameraModel}).
 *   <li>Vertices are moved into the camera frame; every triangle gets its homogeneous edge functions
 *       and a conservative pixel bounding box ({@link TriangleSetup}; parallel over triangle chunks).
 *   <li>Triangles are binned by horizontal bands of {@link RasterConfig#bandHeight()} rows. Each band
 *       (parallel, one band per task) tests every pixel of every overlapping box exactly against its
 *       triangle in the normalized image plane, where triangles are straight whatever the distortion:
 *       ray inside iff the three edge functions agree in sign; depth Z = det / (w0 + w1 + w2) is the
 *       planar depth of the ray-plane intersection.
 *   <li>Z-test on the float32 depth; exact ties go to the lower triangle id, so the image is the
 *       minimum of (depth, id) over all fragments and does not depend on order or thread count: the
 *       multi-threaded output is bit-identical to the single-threaded one.
 *   <li>A resolve pass per band writes normals (face, or interpolated vertex normals re-normalised),
 *       oriented toward the camera (n · X &lt; 0), the mask, and zeros at invalid pixels.
 * </ol>
 *
 * <p>Near/far: fragments with Z &lt;= near or Z &gt; far are discarded per pixel; triangles crossing
 * the near plane are therefore clipped exactly rather than skipped.
 *
 * <p>Threading: one render at a time per instance (work buffers are fields); the render itself runs on
 * {@link RasterConfig#threads()} workers of a pool this instance owns (closed by {@link #close()}) or
 * of a caller-supplied {@link ForkJoinPool}. No allocation per pixel or per triangle; per-triangle
 * buffers grow with the largest mesh seen.
 */
public final class Rasterizer implements AutoCloseable {
  /** Triangles per setup task. */
  private static final int SETUP_CHUNK = 4096;
  /** Ray tables kept in the cache (a 1-Mpixel table takes 8 MB). */
  private static final int MAX_CACHED_TABLES = 16;

  private final RasterConfig config;
  private final ForkJoinPool pool;
  private final boolean ownsPool;
  private final Map<CameraModel, RayTable> tables = new LinkedHashMap<>(16, 0.75f, true);

  private TriangleSetup[] setups = new TriangleSetup[0];
  private double[] camVertices = new double[0];
  private double[] camNormals = new double[0];
  private double[] coef = new double[0];
  private int[] box = new int[0];
  private float[] faceNormal = new float[0];
  private int[] binStart = new int[0];
  private int[] binFill = new int[0];
  private int[] bins = new int[0];

  /** Rasterizer with its own pool of {@code config.threads()} workers (none when 1). */
  public Rasterizer(RasterConfig config) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.ownsPool = config.threads() > 1;
    this.pool = ownsPool ? new ForkJoinPool(config.threads()) : null;
  }

  /**
   * Rasterizer running up to {@code config.threads()} tasks per phase on the caller's pool (not closed
   * by {@link #close()}).
   */
  public Rasterizer(RasterConfig config, ForkJoinPool pool) {
    this.config = Objects.requireNonNull(config, "config").check();
    this.pool = Objects.requireNonNull(pool, "pool");
    this.ownsPool = false;
  }

  public RasterConfig config() {
    return config;
  }

  /** The cached ray table of {@code camera}, built on first use. */
  public RayTable rayTable(CameraModel camera) {
    Objects.requireNonNull(camera, "camera");
    synchronized (tables) {
      RayTable t = tables.get(camera);
      if (t == null) {
        t = new RayTable(camera);
        tables.put(camera, t);
        if (tables.size() > MAX_CACHED_TABLES) {
          var it = tables.entrySet().iterator();
          it.next();
          it.remove();
        }
      }
      return t;
    }
  }

  /** Allocating convenience: renders into a new target of the camera's size. */
  public RenderTarget render(TriangleMesh mesh, CameraModel camera, RigidTransform worldToCamera) {
    RenderTarget target = new RenderTarget(camera.width(), camera.height());
    render(mesh, camera, worldToCamera, target);
    return target;
  }

  /**
   * Renders {@code mesh} (world frame, mm) seen by {@code camera} placed by {@code worldToCamera} into
   * {@code target}, which must have the camera's size (see {@link RenderTarget#reshape}).
   */
  public void render(TriangleMesh mesh, CameraModel camera, RigidTransform worldToCamera, RenderTarget target) {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(worldToCamera, "worldToCamera");
    Objects.requireNonNull(target, "target");
    target.checkConsistent(camera.width(), camera.height());
    boolean vertexNormals = config.normals() == RasterConfig.NormalMode.VERTEX_INTERPOLATED && mesh.normals != null;
    if (vertexNormals && mesh.normals.length != mesh.positions.length) {
      throw new IllegalArgumentException(
          "mesh normals length " + mesh.normals.length + " != positions length " + mesh.positions.length);
    }
    RayTable table = rayTable(camera);
    int triangles = mesh.faceCount();
    ensureCapacity(mesh.positions.length, triangles, camera.height());
    transformVertices(mesh, worldToCamera, vertexNormals);

    int workers = config.threads();
    for (TriangleSetup s : setups) {
      s.bind(camVertices, mesh.faces, camera, table, config, coef, box, faceNormal);
    }
    int chunks = (triangles + SETUP_CHUNK - 1) / SETUP_CHUNK;
    runWorkers(Math.min(workers, chunks), chunks,
        (worker, chunk) -> setups[worker].run(chunk * SETUP_CHUNK, Math.min(triangles, (chunk + 1) * SETUP_CHUNK)));

    int bands = binTriangles(triangles, camera.height());
    BandRenderer renderer = new BandRenderer(table, target, coef, box, faceNormal, bins, binStart, mesh.faces,
        vertexNormals ? camNormals : null, config.nearMm(), config.farMm());
    runWorkers(Math.min(workers, bands), bands, (worker, band) -> {
      int r0 = band * config.bandHeight();
      renderer.renderRows(band, r0, Math.min(camera.height(), r0 + config.bandHeight()));
    });
  }

  /** Runs {@code items} work items on up to {@code workers} tasks, each pulling the next item index. */
  private void runWorkers(int workers, int items, WorkItem body) {
    if (items == 0) {
      return;
    }
    if (workers <= 1 || pool == null) {
      for (int i = 0; i < items; i++) {
        body.run(0, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      tasks[w] = pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
          body.run(worker, i);
        }
      });
    }
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
  }

  @FunctionalInterface
  private interface WorkItem {
    void run(int worker, int item);
  }

  private void ensureCapacity(int positionLength, int triangles, int height) {
    int workers = config.threads();
    if (setups.length < workers) {
      TriangleSetup[] s = new TriangleSetup[workers];
      for (int i = 0; i < workers; i++) {
        s[i] = i < setups.length ? setups[i] : new TriangleSetup();
      }
      setups = s;
    }
    if (camVertices.length < positionLength) {
      camVertices = new double[positionLength];
    }
    if (coef.length < triangles * TriangleSetup.COEF) {
      coef = new double[Math.multiplyExact(triangles, TriangleSetup.COEF)];
      box = new int[triangles * TriangleSetup.BOX];
      faceNormal = new float[triangles * 3];
    }
    int bands = (height + config.bandHeight() - 1) / config.bandHeight();
    if (binStart.length < bands + 1) {
      binStart = new int[bands + 1];
      binFill = new int[bands + 1];
    }
  }

  private void transformVertices(TriangleMesh mesh, RigidTransform worldToCamera, boolean normals) {
    float[] p = mesh.positions;
    double r00 = worldToCamera.r(0, 0), r01 = worldToCamera.r(0, 1), r02 = worldToCamera.r(0, 2);
    double r10 = worldToCamera.r(1, 0), r11 = worldToCamera.r(1, 1), r12 = worldToCamera.r(1, 2);
    double r20 = worldToCamera.r(2, 0), r21 = worldToCamera.r(2, 1), r22 = worldToCamera.r(2, 2);
    double t0 = worldToCamera.t(0), t1 = worldToCamera.t(1), t2 = worldToCamera.t(2);
    for (int i = 0; i < p.length; i += 3) {
      double x = p[i], y = p[i + 1], z = p[i + 2];
      camVertices[i] = r00 * x + r01 * y + r02 * z + t0;
      camVertices[i + 1] = r10 * x + r11 * y + r12 * z + t1;
      camVertices[i + 2] = r20 * x + r21 * y + r22 * z + t2;
    }
    if (normals) {
      float[] n = mesh.normals;
      if (camNormals.length < n.length) {
        camNormals = new double[n.length];
      }
      for (int i = 0; i < n.length; i += 3) {
        double x = n[i], y = n[i + 1], z = n[i + 2];
        camNormals[i] = r00 * x + r01 * y + r02 * z;
        camNormals[i + 1] = r10 * x + r11 * y + r12 * z;
        camNormals[i + 2] = r20 * x + r21 * y + r22 * z;
      }
    }
  }

  /** Counting-sort of the set-up triangles into row bands (ascending id within a band). */
  private int binTriangles(int triangles, int height) {
    int bh = config.bandHeight();
    int bands = (height + bh - 1) / bh;
    Arrays.fill(binStart, 0, bands + 1, 0);
    long total = 0;
    for (int t = 0; t < triangles; t++) {
      int r0 = box[t * TriangleSetup.BOX + 2];
      int r1 = box[t * TriangleSetup.BOX + 3];
      if (r0 > r1) {
        continue;
      }
      for (int b = r0 / bh; b <= r1 / bh; b++) {
        binStart[b + 1]++;
      }
      total += r1 / bh - r0 / bh + 1;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many triangle-band pairs: " + total);
    }
    for (int b = 0; b < bands; b++) {
      binStart[b + 1] += binStart[b];
    }
    if (bins.length < total) {
      bins = new int[(int) Math.min(Integer.MAX_VALUE - 8, total + total / 4)];
    }
    System.arraycopy(binStart, 0, binFill, 0, bands + 1);
    for (int t = 0; t < triangles; t++) {
      int r0 = box[t * TriangleSetup.BOX + 2];
      int r1 = box[t * TriangleSetup.BOX + 3];
      for (int b = r0 / bh; r0 <= r1 && b <= r1 / bh; b++) {
        bins[binFill[b]++] = t;
      }
    }
    return bands;
  }

  /** Shuts down the owned pool, if any. */
  @Override
  public void close() {
    if (ownsPool) {
      pool.shutdown();
    }
  }
}
