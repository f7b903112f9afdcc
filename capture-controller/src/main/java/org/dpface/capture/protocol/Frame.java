package org.dpface.capture.protocol;

/**
 * A received frame: its header fields and either the decoded message or, for a frame whose header checked
 * but whose body did not ({@link #corruption} non-null), nothing.
 *
 * @param seq the SEQ byte
 * @param typeCode the TYPE byte
 * @param message the decoded message, null if {@code corruption} or {@code malformed} is set
 * @param corruption non-null for a frame rejected by its CRC-16 or length
 * @param malformed non-null for a frame with good CRCs but a payload that does not fit its type
 */
public record Frame(int seq, int typeCode, Message message, FrameDecoder.Corruption corruption,
    ProtocolException malformed) {

  /** True if the frame carries a decoded message. */
  public boolean intact() {
    return message != null;
  }
}
