package org.dpface.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What stages share: the configuration, the lab directory and objects earlier stages produced. */
final class DemoContext {
  private final DemoConfig config;
  private final Map<Class<?>, Object> shared = new HashMap<>();

  DemoContext(DemoConfig config) {
    this.config = config;
  }

  DemoConfig config() {
    return config;
  }

  Path lab() {
    return config.out();
  }

  /** {@code lab/relative}, with parent directories created. */
  Path file(String relative) throws IOException {
    Path p = config.out().resolve(relative);
    Files.createDirectories(p.getParent());
    return p;
  }

  <T> void put(Class<T> type, T value) {
    shared.put(type, value);
  }

  /** An object an earlier stage put, or null. */
  <T> T get(Class<T> type) {
    return type.cast(shared.get(type));
  }
}
