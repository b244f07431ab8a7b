package dev.aftersales.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent the request, as the API's rules need it (docs/security.md): the authenticated user, its
 * roles and, for a CHANNEL user, the channels it is bound to. Controllers take it as a parameter.
 *
 * @param username the authenticated user: the actor of what the request records on a timeline
 */
public record Caller(String username, Set<Role> roles, Set<String> channels) {

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    channels = Set.copyOf(channels);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Opens cases and reports payments for this channel. */
  public boolean actsFor(String channel) {
    return has(Role.CHANNEL) && channels.contains(channel);
  }

  /**
   * Agents, process owners and auditors read every case; a channel only the cases of its channels. A user
   * bound to channels (every CHANNEL user; an agent team configured with {@code channels}, e.g. an
   * outsourced service desk for one marketplace) reads only the cases of its channels, whatever its roles.
   */
  public boolean mayRead(String channel) {
    if (isChannelBound()) {
      return channel != null && channels.contains(channel) && (isReader() || has(Role.CHANNEL));
    }
    return isReader();
  }

  /**
   * The channels whose cases this caller may read, for a search: empty when it reads every channel's cases
   * (the same rule as {@link #mayRead}).
   */
  public Optional<Set<String>> readableChannels() {
    if (isChannelBound()) {
      return Optional.of(isReader() || has(Role.CHANNEL) ? channels : Set.of());
    }
    return isReader() ? Optional.empty() : Optional.of(Set.of());
  }

  /** Reads and acts only for the cases of {@link #channels()}. */
  public boolean isChannelBound() {
    return !channels.isEmpty();
  }

  private boolean isReader() {
    return has(Role.AGENT) || has(Role.PROCESS_OWNER) || has(Role.AUDITOR);
  }

  /** Only agents, who contact customers, see their personal data; everyone else sees it masked. */
  public boolean seesPersonalData() {
    return has(Role.AGENT);
  }
}
