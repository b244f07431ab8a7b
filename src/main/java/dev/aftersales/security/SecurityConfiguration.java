package dev.aftersales.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyRole;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;
import static org.springframework.security.authorization.AuthorizationManagers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.web.ApiPaths;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * HTTP Basic, stateless, no CSRF (no browser session to ride on). Every API path is listed with its
 * roles in {@link ApiAccess}; anything not listed is refused, so a new endpoint is closed until someone opens it here.
 * Writes never admit an auditor, even one who also holds a writing role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** The OpenAPI description and Swagger UI: any API user may read what the API offers. */
  private static final String[] OPENAPI = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

  @Bean
  SecurityFilterChain api(HttpSecurity http, ObjectMapper json, UserDetailsService users, PasswordEncoder passwords,
      ApiUsersProperties properties, Clock clock) throws Exception {
    ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
    DaoAuthenticationProvider checker = new DaoAuthenticationProvider(users);
    checker.setPasswordEncoder(passwords);
    if (users instanceof UserDetailsPasswordService upgrades) {
      checker.setUserDetailsPasswordService(upgrades); // as Spring Boot's default provider does
    }
    http
        .authenticationManager(new ProviderManager(
            new VerifiedCredentials(checker, properties.verifiedCredentialsTtl(), clock)))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .httpBasic(basic -> basic.realmName(ProblemSecurityHandlers.REALM).authenticationEntryPoint(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(requests -> {
          requests
              .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
              .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
              .requestMatchers(OPENAPI).authenticated()
              // the console's static files; everything it shows comes from the API with the user's credentials
              .requestMatchers(HttpMethod.GET, ApiPaths.CONSOLE, ApiPaths.CONSOLE + "/**").permitAll()
              .requestMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(names(Role.PROCESS_OWNER, Role.AUDITOR));
          ApiAccess.RULES.forEach(rule -> requests
              .requestMatchers(rule.method(), rule.paths().toArray(String[]::new))
              .access(rule.write() ? write(rule.roles()) : hasAnyRole(names(rule.roles()))));
          requests.anyRequest().denyAll();
        });
    return http.build();
  }

  /**
   * Spring Security observes its filter chain, its authentication and its authorization only when the registry keeps
   * such observations ({@code management.observations.enable.spring.security}, off in application.yaml). Off, the
   * chain is not wrapped at all: the registry's predicate alone made each observation a no-op but still wrapped every
   * filter of every request in an observing one (docs/benchmarks.md). On, Spring Security's defaults apply.
   */
  @Bean
  SecurityObservationSettings securityObservations(ObjectProvider<ObservationRegistry> registry) {
    boolean observed = !Observation.createNotStarted("spring.security.filterchains",
        registry.getIfAvailable(() -> ObservationRegistry.NOOP)).isNoop();
    return observed ? SecurityObservationSettings.withDefaults().build() : SecurityObservationSettings.noObservations();
  }

  /** Picked up by the filter chain proxy: a request its firewall refuses is answered as problem+json too. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
    return new ProblemSecurityHandlers(json);
  }

  /** One of the roles, and not an auditor (read only even when a user holds a writing role too). */
  private static AuthorizationManager<RequestAuthorizationContext> write(Collection<Role> roles) {
    return allOf(hasAnyRole(names(roles)), not(hasRole(Role.AUDITOR.name())));
  }

  private static String[] names(Collection<Role> roles) {
    return roles.stream().map(Role::name).toArray(String[]::new);
  }

  private static String[] names(Role... roles) {
    return names(Arrays.asList(roles));
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(ApiUsersProperties properties) {
    if (properties.users().isEmpty()) {
      log.warn("No API users configured (aftersales.security.users): every API call will be refused");
    }
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    properties.users().forEach(u -> users.createUser(User.withUsername(u.username())
        .password(u.password())
        .roles(u.roles().stream().map(Role::name).toArray(String[]::new))
        .build()));
    return users;
  }
}
