package dev.aftersales.security;


import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's users. Nothing is committed for production: give them through the environment, e.g.
 * {@code AFTERSALES_SECURITY_USERS_0_USERNAME=taobao}, {@code AFTERSALES_SECURITY_USERS_0_PASSWORD={bcrypt}$2a$10$…},
 * {@code AFTERSALES_SECURITY_USERS_0_ROLES=CHANNEL}. Profile {@code local} has demo users for a laptop.
 *
 * @param users who may call the API; without any, every call is refused
 * @param verifiedCredentialsTtl how long a user and password that were checked are taken as checked
 *     ({@link VerifiedCredentials}): HTTP Basic sends them with every request, and checking a bcrypt hash
 *     costs tens of milliseconds of CPU by design; 0 checks every request
 */
@Validated
@ConfigurationProperties("aftersales.security")
public record ApiUsersProperties(
    @Valid List<User> users, @DefaultValue("5m") Duration verifiedCredentialsTtl) {

  public ApiUsersProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * @param password with its encoding prefix, {@code {bcrypt}…} (or {@code {noop}…} on a laptop only)
   */
  public record User(
      @NotBlank String username,
      @NotBlank @Pattern(regexp = "\\{[a-z0-9]+}.+", message = "must start with an encoding prefix such as {bcrypt}")
      String password,
      @NotEmpty Set<Role> roles) {

    @Override
    public String toString() {
      return "User[" + username + ", " + roles + "]"; // never print the password
    }
  }
}
