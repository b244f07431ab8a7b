package dev.aftersales.console;

import dev.aftersales.web.ApiPaths;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console (docs/console.md): its build lands in the jar as {@code static/console/}, served as static
 * files; {@code /console} opens its page. The console's routes are in the URL's fragment (#/cases …), so no
 * other path needs the page.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController(ApiPaths.CONSOLE, ApiPaths.CONSOLE + "/");
    registry.addViewController(ApiPaths.CONSOLE + "/").setViewName("forward:" + ApiPaths.CONSOLE + "/index.html");
  }
}
