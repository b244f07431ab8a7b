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

  /** Agents, process owners and auditors read every case; a channel only the cases of its channels. */
  public boolean mayRead(String channel) {
    return has(Role.AGENT) || has(Role.PROCESS_OWNER) || has(Role.AUDITOR) || actsFor(channel);
  }

  /**
   * The channels whose cases this caller may read, for a search: empty when it reads every channel's cases
   * (the same rule as {@link #mayRead}).
   */
  public Optional<Set<String>> readableChannels() {
    return has(Role.AGENT) || has(Role.PROCESS_OWNER) || has(Role.AUDITOR) ? Optional.empty()
        : Optional.of(has(Role.CHANNEL) ? channels : Set.of());
  }

  /** Only agents, who contact customers, see their personal data; everyone else sees it masked. */
  public boolean seesPersonalData() {
    return has(Role.AGENT);
  }
}
