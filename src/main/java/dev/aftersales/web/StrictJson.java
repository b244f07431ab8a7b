package dev.aftersales.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are read strictly (docs/security.md): {@code 1.9} is not a quantity (no silent
 * truncation to 1), {@code "2"} is not a number, {@code "true"} not a boolean and {@code 123} not a string. Only the API's
 * converter is strict: the clients of the surrounding systems keep the application's usual mapper.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    for (HttpMessageConverter<?> converter : converters) {
      if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
        jackson.setObjectMapper(strict(jackson.getObjectMapper()));
      }
    }
  }

  @SuppressWarnings("deprecation") // configure(MapperFeature) is the way to change a copy of a built mapper
  static ObjectMapper strict(ObjectMapper mapper) {
    ObjectMapper copy = mapper.copy();
    copy.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    // A number or boolean is not a string either: "sku": 123 is refused, not read as "123".
    copy.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return copy.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }
}
