package dev.aftersales.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

/**
 * Remembers for a while which user and password were verified, so that a channel sending requests
 * all day pays the bcrypt check (tens of milliseconds of CPU, by design) once per period instead of
 * on every request — HTTP Basic sends the password every time. Only a SHA-256 of user and password
 * is kept, never the password; a wrong password never matches it and goes to the real check.
 *
 * <p>Requests that arrive together with credentials not (or no longer) remembered wait for one check of
 * them instead of each paying it: when the period ran out under load, every request in flight did its own
 * bcrypt check at once (about 5 % of the application's CPU samples in the benchmark of 6 December 2026).
 */
final class VerifiedCredentials implements AuthenticationProvider {

  /** Beyond this many remembered credentials the memory is cleared: a bound, not an expected case. */
  private static final int MAX_REMEMBERED = 10_000;

  private record Verified(Object principal, Collection<? extends GrantedAuthority> authorities, Instant until) {}

  private final AuthenticationProvider checker;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  /** The checks running now, by credential: a request with the same credentials waits for that one. */
  private final Map<String, CompletableFuture<Verified>> checking = new ConcurrentHashMap<>();

  VerifiedCredentials(AuthenticationProvider checker, Duration ttl, Clock clock) {
    this.checker = checker;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (ttl.isZero() || !(authentication instanceof UsernamePasswordAuthenticationToken)
        || !(authentication.getCredentials() instanceof String password)) {
      return checker.authenticate(authentication);
    }
    String key = digest(authentication.getName(), password);
    Instant now = clock.instant();
    Verified known = verified.get(key);
    if (known != null && now.isBefore(known.until())) {
      return authenticated(known, authentication);
    }
    CompletableFuture<Verified> mine = new CompletableFuture<>();
    CompletableFuture<Verified> running = checking.putIfAbsent(key, mine);
    if (running != null) {
      Verified checked = running.join(); // never completed exceptionally: a check that threw completes it with null
      // the other check failed or found nothing to remember: this request gets its own answer, with its own error
      return checked != null ? authenticated(checked, authentication) : checker.authenticate(authentication);
    }
    try {
      Authentication result = checker.authenticate(authentication);
      Verified checked = null;
      if (result != null && result.isAuthenticated()) {
        if (verified.size() >= MAX_REMEMBERED) {
          verified.clear();
        }
        checked = new Verified(result.getPrincipal(), result.getAuthorities(), now.plus(ttl));
        verified.put(key, checked);
      }
      mine.complete(checked);
      return result;
    } finally {
      mine.complete(null); // a check that threw: the waiting requests check for themselves
      checking.remove(key, mine);
    }
  }

  private static Authentication authenticated(Verified known, Authentication request) {
    UsernamePasswordAuthenticationToken result =
        UsernamePasswordAuthenticationToken.authenticated(known.principal(), null, known.authorities());
    result.setDetails(request.getDetails());
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return checker.supports(authentication);
  }

  private static String digest(String username, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(username.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
