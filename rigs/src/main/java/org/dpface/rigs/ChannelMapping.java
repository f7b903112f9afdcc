package org.dpface.rigs;

import java.util.Objects;

/**
 * One trigger-board channel wired to one device action.
 *
 * @param channel channel index in [0, channelCount)
 * @param target id of a camera, projector or light of the same rig
 * @param action what the channel does; its {@link TriggerAction#targetKind()} must match the target
 */
public record ChannelMapping(int channel, String target, TriggerAction action) {
  public ChannelMapping {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
  }
}
