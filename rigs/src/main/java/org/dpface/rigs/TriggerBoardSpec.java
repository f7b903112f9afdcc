package org.dpface.rigs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The trigger board that fires shutters, advances projector patterns and switches lights in sync.
 *
 * @param driver serial (physical board) or virtual
 * @param port serial device path, e.g. {@code /dev/ttyACM0}; required for the serial driver
 * @param baud serial baud rate; required for the serial driver
 * @param channelCount number of output channels (channels are numbered 0 .. channelCount − 1)
 * @param channels the wiring, at most one mapping per channel (immutable copy)
 */
public record TriggerBoardSpec(
    TriggerDriver driver,
    Optional<String> port,
    OptionalInt baud,
    int channelCount,
    List<ChannelMapping> channels) {
  public TriggerBoardSpec {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(baud, "baud");
    channels = List.copyOf(channels);
  }

  /** A virtual board. */
  public static TriggerBoardSpec virtual(int channelCount, List<ChannelMapping> channels) {
    return new TriggerBoardSpec(
        TriggerDriver.VIRTUAL, Optional.empty(), OptionalInt.empty(), channelCount, channels);
  }

  /** A serial board on {@code port} at {@code baud}. */
  public static TriggerBoardSpec serial(
      String port, int baud, int channelCount, List<ChannelMapping> channels) {
    return new TriggerBoardSpec(
        TriggerDriver.SERIAL, Optional.of(port), OptionalInt.of(baud), channelCount, channels);
  }

  /** The mapping of {@code channel}, if wired. */
  public Optional<ChannelMapping> mapping(int channel) {
    return channels.stream().filter(m -> m.channel() == channel).findFirst();
  }

  /** The channels wired to {@code targetId}, in file order. */
  public List<ChannelMapping> channelsFor(String targetId) {
    return channels.stream().filter(m -> m.target().equals(targetId)).toList();
  }
}
