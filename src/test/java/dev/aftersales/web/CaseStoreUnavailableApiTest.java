package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.aftersales.testsupport.ApiTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request the case store cannot serve (no connection to be had, a connection lost mid-request) is answered
 * 503 problem+json with Retry-After, never a 2xx: a channel or warehouse that got a 2xx would not send its
 * payment or parcel again, and it would be lost. The fault campaign saw a request whose transaction could not
 * begin on a connection the database had just dropped (CannotCreateTransactionException) answered 200 with an
 * empty body and nothing stored (docs/reliability.md); an exhausted pool fails the same way, deterministically.
 */
class CaseStoreUnavailableApiTest extends ApiTest {

  @Autowired private DataSource dataSource;

  @Test
  void aPaymentReportedWhileTheCaseStoreHasNoConnectionIsAnswered503ToBeSentAgain() throws SQLException {
    Answer answer = whileThePoolIsExhausted(() -> post(TestUser.CHANNEL,
        "/api/after-sales/cases/no-such-case/difference-payments", "{\"paymentId\":\"PAY-1\",\"amount\":10.00}"));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.headers().getFirst("Retry-After")).isNotBlank();
    assertThat(answer.body().path("detail").asText()).contains("send the same request again");
  }

  @Test
  void aCaseReadWhileTheCaseStoreHasNoConnectionIsAnswered503() throws SQLException {
    Answer answer = whileThePoolIsExhausted(() -> get(TestUser.AUDITOR, "/api/after-sales/cases/no-such-case"));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  /** Holds every connection of the application's pool, with a short wait for one, while the request runs. */
  private Answer whileThePoolIsExhausted(java.util.function.Supplier<Answer> request) throws SQLException {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    long timeout = pool.getConnectionTimeout();
    List<Connection> held = new ArrayList<>();
    pool.setConnectionTimeout(250);
    try {
      while (true) {
        try {
          held.add(pool.getConnection());
        } catch (SQLException exhausted) {
          break;
        }
      }
      return request.get();
    } finally {
      for (Connection c : held) {
        c.close();
      }
      pool.setConnectionTimeout(timeout);
    }
  }
}
