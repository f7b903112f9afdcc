package org.dpface.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints the calibrate stage's summary and metrics (not a test). Args: seed (default 7), quick (default
 * true). Run: {@code java -cp <test classpath> org.dpface.cli.demo.CalibrateStageFiguresMain 7 true}.
 */
public final class CalibrateStageFiguresMain {
  private CalibrateStageFiguresMain() {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
    boolean quick = args.length <= 1 || Boolean.parseBoolean(args[1]);
    Path lab = Files.createTempDirectory("dpface-calibrate-figures");
    long t0 = System.nanoTime();
    StageResult r = new CalibrateStage().run(new DemoContext(new DemoConfig(lab, "virtual-8cam", 1, quick, seed)));
    System.out.printf("%s (%.1f s, lab %s)%n", r.summary(), (System.nanoTime() - t0) * 1e-9, lab);
    for (Map.Entry<String, Object> e : r.metrics().entrySet()) {
      System.out.println(e.getKey() + ": " + e.getValue());
    }
  }
}
