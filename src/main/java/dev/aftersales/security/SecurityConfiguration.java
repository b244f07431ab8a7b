package dev.aftersales.security;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyRole;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.allOf;
import static org.springframework.security.authorization.AuthorizationManagers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftersales.web.ApiPaths;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
 * roles; anything not listed is refused, so a new endpoint is closed until someone opens it here.
 * Writes never admit an auditor, even one who also holds a writing role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

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
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
            // the console's static files; everything it shows comes from the API with the user's credentials
            .requestMatchers(HttpMethod.GET, ApiPaths.CONSOLE, ApiPaths.CONSOLE + "/**").permitAll()
            .requestMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(names(Role.PROCESS_OWNER, Role.AUDITOR))
            .requestMatchers(HttpMethod.POST, ApiPaths.REQUESTS).access(write(Role.CHANNEL))
            .requestMatchers(HttpMethod.POST, ApiPaths.RECEIPTS).access(write(Role.WAREHOUSE))
            .requestMatchers(HttpMethod.POST, ApiPaths.DIFFERENCE_PAYMENTS).access(write(Role.CHANNEL))
            .requestMatchers(HttpMethod.POST, ApiPaths.SHORTAGES).access(write(Role.CHANNEL, Role.WAREHOUSE))
            .requestMatchers(HttpMethod.POST, ApiPaths.STOCK_ARRIVALS).access(write(Role.WAREHOUSE))
            .requestMatchers(HttpMethod.GET, ApiPaths.CASES + "/**")
            .hasAnyRole(names(Role.AGENT, Role.PROCESS_OWNER, Role.AUDITOR, Role.CHANNEL))
            .requestMatchers(HttpMethod.GET, ApiPaths.TASKS)
            .hasAnyRole(names(Role.AGENT, Role.PROCESS_OWNER, Role.AUDITOR))
            .requestMatchers(HttpMethod.GET, ApiPaths.TASK).hasRole(Role.AGENT.name())
            .requestMatchers(HttpMethod.POST, ApiPaths.TASK_ASSIGNMENT, ApiPaths.TASK_COMPLETION).access(write(Role.AGENT))
            .requestMatchers(HttpMethod.GET, ApiPaths.KPIS)
            .hasAnyRole(names(Role.PROCESS_OWNER, Role.AUDITOR, Role.AGENT))
            .anyRequest().denyAll());
    return http.build();
  }

  /** Picked up by the filter chain proxy: a request its firewall refuses is answered as problem+json too. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
    return new ProblemSecurityHandlers(json);
  }

  /** One of the roles, and not an auditor (read only even when a user holds a writing role too). */
  private static AuthorizationManager<RequestAuthorizationContext> write(Role... roles) {
    return allOf(hasAnyRole(names(roles)), not(hasRole(Role.AUDITOR.name())));
  }

  private static String[] names(Role... roles) {
    return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
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
