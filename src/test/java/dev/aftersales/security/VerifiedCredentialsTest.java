package dev.aftersales.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    Authentication login = login("tmall", "secret");
    for (CompletableFuture<Authentication> answer : arrivingTogether(16, credentials, checker, login)) {
      Authentication answered = answer.get(1, TimeUnit.SECONDS);
      assertThat(answered.isAuthenticated()).isTrue();
      assertThat(answered.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CHANNEL");
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
    Authentication wrong = login("tmall", "guess");
    for (CompletableFuture<Authentication> answer : arrivingTogether(4, credentials, checker, wrong)) {
      assertThatThrownBy(() -> answer.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(BadCredentialsException.class);
    }
  }

  /** n requests with the same login, all in before the checker lets its first check finish; their answers, all in. */
  private static List<CompletableFuture<Authentication>> arrivingTogether(int n, VerifiedCredentials credentials,
      SlowChecker checker, Authentication login) throws InterruptedException {
    ExecutorService requests = Executors.newFixedThreadPool(n);
    try {
      List<CompletableFuture<Authentication>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> credentials.authenticate(login), requests));
      }
      Thread.sleep(200); // all n are in: one checks, the others wait
      checker.gate.countDown();
      try {
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException someFailedOrHang) {
        // each answer is asserted by the test
      }
      return answers;
    } finally {
      requests.shutdownNow();
    }
  }

  private static Authentication login(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }
}
