package org.dpface.capture.session;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subject agreed to, without any personal data: the scopes (e.g. {@code capture},
 * {@code dataset}, {@code publication}), the version of the consent form signed, when, and an optional
 * expiry. The signed paper form stays with the lab, filed under the subject's pseudonymous ID.
 *
 * @param scopes what the data may be used for, non-empty, no blanks (immutable copy)
 * @param formVersion the consent form's version, e.g. {@code v2.1}
 * @param given the date consent was given
 * @param expires last date on which the consent is valid, if it expires
 */
public record ConsentRecord(List<String> scopes, String formVersion, LocalDate given, Optional<LocalDate> expires) {
  /** The scope a raw capture needs. */
  public static final String SCOPE_CAPTURE = "capture";

  public ConsentRecord {
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(formVersion, "formVersion");
    Objects.requireNonNull(given, "given");
    Objects.requireNonNull(expires, "expires");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a consent record needs at least one scope");
    }
    for (String s : scopes) {
      if (s.isBlank()) {
        throw new IllegalArgumentException("blank consent scope in " + scopes);
      }
    }
    if (formVersion.isBlank()) {
      throw new IllegalArgumentException("consent form version is blank");
    }
    if (expires.isPresent() && expires.get().isBefore(given)) {
      throw new IllegalArgumentException("consent expires " + expires.get() + " before it was given " + given);
    }
  }

  /**
   * Why this consent does not allow {@code scope} on {@code date}, or empty if it does.
   */
  public Optional<String> problemFor(String scope, LocalDate date) {
    if (date.isBefore(given)) {
      return Optional.of("consent is dated " + given + ", after " + date);
    }
    if (expires.isPresent() && date.isAfter(expires.get())) {
      return Optional.of("consent expired on " + expires.get());
    }
    if (!scopes.contains(scope)) {
      return Optional.of("consent (form " + formVersion + ") does not cover scope '" + scope + "', only " + scopes);
    }
    return Optional.empty();
  }
}
