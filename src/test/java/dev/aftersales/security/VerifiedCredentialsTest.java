package dev.aftersales.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The expensive password check runs once per credentials and period: later requests are let in from memory,
 * requests that arrive together wait for one check, and a wrong password is always checked and refused.
 */
class VerifiedCredentialsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T01:00:00Z"), ZoneOffset.UTC);

  /** A password check that counts its calls and, while {@code gate} is closed, takes its time like bcrypt. */
  private static final class SlowChecker implements AuthenticationProvider {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public Authentication authenticate(Authentication request) {
      calls.incrementAndGet();
      try {
        gate.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!"secret".equals(request.getCredentials())) {
        throw new BadCredentialsException("Bad credentials");
      }
      return UsernamePasswordAuthenticationToken.authenticated(request.getName(), null,
          AuthorityUtils.createAuthorityList("ROLE_CHANNEL"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return true;
    }
  }

  @Test
  void requestsArrivingTogetherWaitForOneCheck() throws Exception {
    SlowChecker checker = new SlowChecker();
    VerifiedCredentials credentials = new VerifiedCredentials(checker, Duration.ofMinutes(5), CLOCK);
    ExecutorService requests = Executors.newFixedThreadPool(16);
    try {
      List<Future<Authentication>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(requests.submit(() -> credentials.authenticate(login("tmall", "secret"))));
      }
      Thread.sleep(200); // all sixteen are in: one checks, fifteen wait
      checker.gate.countDown();
      for (Future<Authentication> answer : answers) {
        assertThat(answer.get(5, TimeUnit.SECONDS).isAuthenticated()).isTrue();
        assertThat(answer.get().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CHANNEL");
      }
    } finally {
      requests.shutdownNow();
    }

    assertThat(checker.calls).hasValue(1);
  }

  @Test
  void aRememberedLoginIsNotCheckedAgainButAWrongPasswordAlwaysIs() {
    SlowChecker checker = new SlowChecker();
    checker.gate.countDown();
    VerifiedCredentials credentials = new VerifiedCredentials(checker, Duration.ofMinutes(5), CLOCK);

    credentials.authenticate(login("tmall", "secret"));
    credentials.authenticate(login("tmall", "secret"));
    assertThat(checker.calls).hasValue(1);

    assertThatThrownBy(() -> credentials.authenticate(login("tmall", "guess"))).isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> credentials.authenticate(login("tmall", "guess"))).isInstanceOf(BadCredentialsException.class);
    assertThat(checker.calls).hasValue(3);
  }

  @Test
  void requestsWaitingForAFailedCheckAreEachRefused() throws Exception {
    SlowChecker checker = new SlowChecker();
    VerifiedCredentials credentials = new VerifiedCredentials(checker, Duration.ofMinutes(5), CLOCK);
    ExecutorService requests = Executors.newFixedThreadPool(4);
    try {
      List<Future<Authentication>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(requests.submit(() -> credentials.authenticate(login("tmall", "guess"))));
      }
      Thread.sleep(200);
      checker.gate.countDown();
      for (Future<Authentication> answer : answers) {
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BadCredentialsException.class);
      }
    } finally {
      requests.shutdownNow();
    }
  }

  private static Authentication login(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }
}
