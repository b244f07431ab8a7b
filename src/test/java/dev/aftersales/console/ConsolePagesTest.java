package dev.aftersales.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ApiTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console as the build puts it in the jar (console/build.sh, static/console): its page and scripts open
 * without a login, and /console leads to the page. What it shows is read from the API with the user's login.
 */
class ConsolePagesTest extends ApiTest {

  @Test
  void theConsolesPageAndItsScriptsAreServedWithoutALogin() {
    Answer page = get(null, "/console/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    Matcher script = Pattern.compile("src=\"(/console/assets/index-[^\"]+\\.js)\"").matcher(page.body().asText());
    assertThat(script.find()).as("the page loads the built script").isTrue();
    Answer code = get(null, script.group(1));
    assertThat(code.status()).isEqualTo(200);
    assertThat(code.body().asText().contains("aftersales.console.credentials")).as("the console's own code").isTrue();
  }

  @Test
  void consoleWithoutTheSlashLeadsToThePage() {
    Answer answer = get(null, "/console");

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.headers().getLocation()).isNotNull();
    assertThat(answer.headers().getLocation().getPath()).isEqualTo("/console/");
  }

  @Test
  void theApiBehindTheConsoleStillNeedsALogin() {
    assertThat(get(null, "/api/after-sales/cases/any").status()).isEqualTo(401);
    assertThat(get(null, "/api/reports/kpis").status()).isEqualTo(401);
  }
}
