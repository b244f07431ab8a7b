package dev.aftersales.messages;

import java.time.Duration;

/** How a kind of message is published; each API that publishes configures its own. */
public interface MessagePublishing {

  /**
   * How long the engine keeps the message for an instance that is not waiting yet; it also bounds the
   * window in which a re-published message is recognised as the same one. Null: as long as the model's
   * timer that races the message ({@link ModelTimers}).
   */
  default Duration messageTtl() {
    return null;
  }

  /** How long publishing may take before the client is told to send its request again. */
  Duration publishTimeout();
}
