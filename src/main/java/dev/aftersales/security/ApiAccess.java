package dev.aftersales.security;

import dev.aftersales.web.ApiPaths;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call which endpoint (docs/security.md): the one table the security chain enforces and the OpenAPI
 * description shows. The first rule that matches a request decides; a request no rule matches is refused.
 *
 * @see SecurityConfiguration
 */
public final class ApiAccess {

  /**
   * @param paths Spring path patterns ({@code /**} also matches the path itself)
   * @param write a change: never admitted to an AUDITOR, even one who also holds one of {@code roles}
   */
  public record Rule(HttpMethod method, List<String> paths, Set<Role> roles, boolean write) {

    static Rule read(HttpMethod method, String path, Role... roles) {
      return new Rule(method, List.of(path), EnumSet.copyOf(List.of(roles)), false);
    }

    static Rule write(String path, Role... roles) {
      return new Rule(HttpMethod.POST, List.of(path), EnumSet.copyOf(List.of(roles)), true);
    }
  }

  /** The roles that read cases, reports and models; a CHANNEL only its own channels' cases. */
  private static final Role[] READERS = {Role.AGENT, Role.PROCESS_OWNER, Role.AUDITOR};

  public static final List<Rule> RULES = List.of(
      Rule.write(ApiPaths.REQUESTS, Role.CHANNEL),
      Rule.write(ApiPaths.RECEIPTS, Role.WAREHOUSE),
      Rule.write(ApiPaths.DIFFERENCE_PAYMENTS, Role.CHANNEL),
      Rule.write(ApiPaths.SHORTAGES, Role.CHANNEL, Role.WAREHOUSE),
      Rule.write(ApiPaths.ORDER_EXCEPTIONS, Role.CHANNEL, Role.WAREHOUSE),
      Rule.write(ApiPaths.ORDER_PAYMENTS, Role.CHANNEL),
      Rule.write(ApiPaths.STOCK_ARRIVALS, Role.WAREHOUSE),
      Rule.read(HttpMethod.GET, ApiPaths.CASES + "/**", Role.AGENT, Role.PROCESS_OWNER, Role.AUDITOR, Role.CHANNEL),
      Rule.read(HttpMethod.GET, ApiPaths.TASKS, READERS),
      // one task with its variables, to render its form: they may hold the customer's data
      Rule.read(HttpMethod.GET, ApiPaths.TASK, Role.AGENT),
      Rule.write(ApiPaths.TASK_ASSIGNMENT, Role.AGENT),
      Rule.write(ApiPaths.TASK_COMPLETION, Role.AGENT),
      Rule.read(HttpMethod.GET, ApiPaths.KPIS + "/**", READERS),
      Rule.write(ApiPaths.WHAT_IF, Role.PROCESS_OWNER),
      Rule.read(HttpMethod.GET, ApiPaths.MODELS + "/**", READERS));

  private ApiAccess() {}

  /** The rule that decides a request of this method and path pattern (as the controllers map it), if any. */
  public static Optional<Rule> ruleFor(HttpMethod method, String pathPattern) {
    AntPathMatcher matcher = new AntPathMatcher();
    return RULES.stream()
        .filter(r -> r.method().equals(method))
        .filter(r -> r.paths().stream().anyMatch(p -> p.equals(pathPattern) || matcher.match(p, pathPattern)))
        .findFirst();
  }
}
