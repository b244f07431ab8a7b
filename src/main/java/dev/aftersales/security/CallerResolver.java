package dev.aftersales.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller parameter of type {@link Caller} the authenticated user with its roles and channels. */
class CallerResolver implements HandlerMethodArgumentResolver {

  private static final String ROLE_PREFIX = "ROLE_";

  private final Map<String, Set<String>> channelsByUser;

  CallerResolver(ApiUsersProperties properties) {
    this.channelsByUser = properties.users().stream()
        .collect(Collectors.toUnmodifiableMap(ApiUsersProperties.User::username, ApiUsersProperties.User::channels,
            (first, second) -> first));
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user == null || !user.isAuthenticated()) {
      // The security chain admits no anonymous call to an endpoint that takes a Caller.
      throw new InsufficientAuthenticationException("no authenticated user");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (GrantedAuthority authority : user.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(ROLE_PREFIX)) {
        try {
          roles.add(Role.valueOf(name.substring(ROLE_PREFIX.length())));
        } catch (IllegalArgumentException notOurs) {
          // an authority of another kind: not a role of this API
        }
      }
    }
    return new Caller(user.getName(), roles, channelsByUser.getOrDefault(user.getName(), Set.of()));
  }
}
