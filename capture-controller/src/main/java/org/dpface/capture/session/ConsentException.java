package org.dpface.capture.session;

/** A capture was refused because the subject has no valid consent for it; the message says why. */
public class ConsentException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConsentException(String message) {
    super(message);
  }
}
