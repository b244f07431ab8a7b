package dev.aftersales.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A CHANNEL user must say which channels it acts for; the application refuses to start otherwise. */
class ApiUsersPropertiesTest {

  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  @Test
  void aChannelUserWithoutChannelsIsRefused() {
    ApiUsersProperties.User unbound = new ApiUsersProperties.User("tmall", "{noop}x", Set.of(Role.CHANNEL), null);

    Set<ConstraintViolation<ApiUsersProperties.User>> violations = VALIDATOR.validate(unbound);

    assertThat(violations).extracting(v -> v.getPropertyPath().toString()).containsExactly("channelBound");
    assertThat(unbound.channels()).isEmpty();
  }

  @Test
  void aChannelUserWithChannelsAndOtherRolesWithoutAreAccepted() {
    List<ApiUsersProperties.User> users = List.of(
        new ApiUsersProperties.User("tmall", "{noop}x", Set.of(Role.CHANNEL), Set.of("TMALL", "TAOBAO")),
        new ApiUsersProperties.User("agent", "{noop}x", Set.of(Role.AGENT), null));

    assertThat(users).allSatisfy(user -> assertThat(VALIDATOR.validate(user)).isEmpty());
  }
}
