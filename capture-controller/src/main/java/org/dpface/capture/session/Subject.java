package org.dpface.capture.session;

import java.util.Objects;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A registered subject: pseudonymous ID, consent, and the withdrawal date if they withdrew.
 *
 * @param id {@code sub-NNNN}
 * @param consent the consent on record
 * @param withdrawn date of withdrawal; once set no new capture is allowed
 */
public record Subject(String id, ConsentRecord consent, Optional<LocalDate> withdrawn) {
  public Subject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(withdrawn, "withdrawn");
  }

  /** True unless the subject withdrew. */
  public boolean active() {
    return withdrawn.isEmpty();
  }
}
