package org.dpface.capture.board;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real trigger-board firmware ({@code rigs/firmware}) running in simavr: builds firmware and harness
 * with {@code make}, starts {@code build/trigger-sim}, which bridges the simulated USART to a pty (the
 * board's serial port) and logs every pin level change with its simulator cycle.
 *
 * <p>Channel pins (docs/trigger-firmware.md): 0-5 on PD2-PD7, 6-11 on PB0-PB5, 12-15 on PC0-PC3.
 */
final class SimavrTriggerBoard implements AutoCloseable {
  /** Simulated clock: 16 MHz, so 16 cycles a microsecond. */
  static final long CYCLES_PER_MICRO = 16;

  /** One pin level change seen by the simulator. */
  record Edge(long cycle, char port, int pin, int level) {}

  private static Path built;

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final Path edgesFile;
  private final Path pty;

  /**
   * Why the firmware cannot be built and simulated here, or null if it can: needs avr-gcc, make, a host gcc
   * and pkg-config finding simavr.
   */
  static String unavailableReason() {
    for (String tool : new String[] {"avr-gcc", "avr-objcopy", "make", "gcc", "pkg-config"}) {
      if (!onPath(tool)) {
        return tool + " not on PATH: the firmware-in-simavr test needs gcc-avr avr-libc simavr libsimavr-dev"
            + " libsimavrparts1 libelf-dev make gcc pkg-config (.ci/run installs them)";
      }
    }
    try {
      Process p = new ProcessBuilder("pkg-config", "--exists", "simavr")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "pkg-config finds no simavr: install libsimavr-dev libelf-dev";
      }
    } catch (IOException e) {
      return "pkg-config failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (firmwareDir() == null) {
      return "rigs/firmware not found above " + Path.of("").toAbsolutePath();
    }
    return null;
  }

  /** {@code rigs/firmware} of this checkout, or null. */
  static Path firmwareDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("rigs").resolve("firmware");
      if (Files.isRegularFile(f.resolve("Makefile"))) {
        return f;
      }
    }
    return null;
  }

  /** Runs {@code make all sim} once per JVM; returns the build directory. */
  static synchronized Path build(Path logDir) throws IOException, InterruptedException {
    if (built != null) {
      return built;
    }
    Path dir = firmwareDir();
    Path log = logDir.resolve("firmware-make.log");
    Process make = new ProcessBuilder("make", "-C", dir.toString(), "all", "sim")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!make.waitFor(120, TimeUnit.SECONDS) || make.exitValue() != 0) {
      make.destroyForcibly();
      throw new IOException("make -C " + dir + " all sim failed:\n" + Files.readString(log));
    }
    built = dir.resolve("build");
    return built;
  }

  /** Output of the last build's {@code make size} line ("trigger.elf: flash … RAM …"). */
  static String sizeLine(Path logDir) throws IOException {
    for (String l : Files.readAllLines(logDir.resolve("firmware-make.log"))) {
      if (l.startsWith("trigger.elf: flash")) {
        return l;
      }
    }
    return "(size not printed: firmware was already up to date)";
  }

  /**
   * Starts the harness on {@code build/trigger.elf}, edges to {@code dir/edges.csv}, EEPROM kept in
   * {@code dir/eeprom.bin} (so a second harness on the same {@code dir} is the same board powered up again);
   * waits for its pty.
   */
  SimavrTriggerBoard(Path buildDir, Path dir, long seed) throws IOException, InterruptedException {
    edgesFile = dir.resolve("edges.csv");
    process = new ProcessBuilder(buildDir.resolve("trigger-sim").toString(), "-o", edgesFile.toString(),
        "-e", dir.resolve("eeprom.bin").toString(), "-s", Long.toString(seed), buildDir.resolve("trigger.elf").toString())
        .redirectError(dir.resolve("trigger-sim.err").toFile()).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          stdout.add(l);
        }
      } catch (IOException e) {
        stdout.add("(stdout lost: " + e.getMessage() + ")");
      }
    }, "trigger-sim-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Path found = null;
    while (found == null) {
      for (String l : stdout) {
        if (l.startsWith("pty ")) {
          found = Path.of(l.substring(4).trim());
        }
      }
      if (found == null) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          close();
          throw new IOException("trigger-sim printed no pty; stdout " + stdout + ", stderr "
              + Files.readString(dir.resolve("trigger-sim.err")));
        }
        Thread.sleep(5);
      }
    }
    pty = found;
  }

  /** The board's serial port. */
  String port() {
    return pty.toString();
  }

  /** Every pin change logged so far (the harness flushes each line as it happens). */
  List<Edge> edges() throws IOException {
    List<Edge> out = new ArrayList<>();
    for (String l : Files.readAllLines(edgesFile)) {
      if (l.isEmpty() || l.startsWith("cycle")) {
        continue;
      }
      String[] f = l.split(",");
      if (f.length == 4) { // a line being written as we read is incomplete: skip it
        out.add(new Edge(Long.parseLong(f[0]), f[1].charAt(0), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
      }
    }
    return out;
  }

  /** Port letter of channel {@code ch}. */
  static char portOf(int ch) {
    return ch < 6 ? 'D' : ch < 12 ? 'B' : 'C';
  }

  /** Pin (bit) of channel {@code ch} in its port. */
  static int pinOf(int ch) {
    return ch < 6 ? ch + 2 : ch < 12 ? ch - 6 : ch - 12;
  }

  /** Channel driven by {@code port} bit {@code pin}, or -1 for a pin that is no channel. */
  static int channelOf(char port, int pin) {
    return switch (port) {
      case 'D' -> pin >= 2 ? pin - 2 : -1;
      case 'B' -> pin <= 5 ? pin + 6 : -1;
      case 'C' -> pin <= 3 ? pin + 12 : -1;
      default -> -1;
    };
  }

  /**
   * Stops the simulation (SIGTERM) and returns SRAM bytes the stack never reached ("stack-unused" line),
   * or -1 if the harness did not say.
   */
  int stopAndStackUnused() throws InterruptedException {
    process.toHandle().destroy(); // SIGTERM; unlike Process.destroy() it leaves stdout open to read the last line
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      for (String l : stdout) {
        if (l.startsWith("stack-unused ")) {
          return Integer.parseInt(l.substring(13).trim());
        }
      }
      Thread.sleep(5);
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
