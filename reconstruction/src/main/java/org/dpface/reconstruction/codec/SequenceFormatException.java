package org.dpface.reconstruction.codec;

import java.io.IOException;

/** A sequence file that cannot be read; the message names the source and the JSON path of the problem. */
public final class SequenceFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public SequenceFormatException(String message) {
    super(message);
  }

  public SequenceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
