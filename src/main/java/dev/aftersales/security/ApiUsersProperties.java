package dev.aftersales.security;


import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
 * {@code AFTERSALES_SECURITY_USERS_0_ROLES=CHANNEL}, {@code AFTERSALES_SECURITY_USERS_0_CHANNELS=TAOBAO,TMALL}. Profile
 * {@code local} has demo users for a laptop.
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
   * @param channels the sales channels a CHANNEL user acts for ({@code TMALL}, {@code JD} …): it opens
   *     cases, reads cases and reports payments only for these (docs/security.md); a user of another role
   *     with channels (an agent team of one marketplace) reads only those channels' cases and tasks
   */
  public record User(
      @NotBlank String username,
      @NotBlank @Pattern(regexp = "\\{[a-z0-9]+}.+", message = "must start with an encoding prefix such as {bcrypt}")
      String password,
      @NotEmpty Set<Role> roles,
      Set<String> channels) {

    public User {
      channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    /** A CHANNEL user without channels could do nothing; refusing it at start makes the mistake visible. */
    @AssertTrue(message = "a CHANNEL user must list its channels (aftersales.security.users[n].channels)")
    public boolean isChannelBound() {
      return roles == null || !roles.contains(Role.CHANNEL) || !channels.isEmpty();
    }

    @Override
    public String toString() {
      return "User[" + username + ", " + roles + "]"; // never print the password
    }
  }
}
