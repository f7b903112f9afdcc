package org.dpface.rigs;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rig files shipped as resources under {@code org/dpface/rigs/} in this module:
 *
 * <ul>
 *   <li>{@code virtual-8cam}: the virtual rig modelled on the physical one (8 DP cameras, 2
 *       projectors, 6 lights, virtual trigger board), binned so a take renders fast.
 *   <li>{@code lab-template}: a commented template for a physical lab (serial trigger board on
 *       {@code /dev/ttyACM0}, hot-folder cameras); copy it with {@link #text(String)} and edit.
 * </ul>
 */
public final class BundledRigs {
  /** Bundled rig ids, in listing order. */
  private static final List<String> IDS = List.of("virtual-8cam", "lab-template");

  private static final String RESOURCE_DIR = "/org/dpface/rigs/";

  /** An id and the rig's description, for listings. */
  public record Entry(String id, String description) {}

  private BundledRigs() {}

  /** The ids of all bundled rigs. */
  public static List<String> ids() {
    return IDS;
  }

  /** Id and description of every bundled rig (each file is read and validated). */
  public static List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String id : IDS) {
      out.add(new Entry(id, load(id).description()));
    }
    return out;
  }

  /** The raw text of a bundled rig file, comments included. */
  public static String text(String id) throws IOException {
    if (!IDS.contains(id)) {
      throw new NoSuchElementException("no bundled rig \"" + id + "\"; bundled rigs: " + IDS);
    }
    String resource = RESOURCE_DIR + id + ".json";
    try (InputStream in = BundledRigs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("bundled rig resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Reads and validates a bundled rig; problems are labelled {@code <id>.json (bundled)}. */
  public static RigDescription load(String id) throws IOException {
    return RigFiles.read(id + ".json (bundled)", new StringReader(text(id)));
  }
}
