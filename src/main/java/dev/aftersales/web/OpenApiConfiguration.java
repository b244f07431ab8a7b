package dev.aftersales.web;

import dev.aftersales.security.ApiAccess;
import dev.aftersales.security.Role;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): springdoc reads the
 * controllers; this adds what it cannot see — HTTP Basic, each operation's roles from {@link ApiAccess} (the
 * table the security chain enforces, as {@code x-roles} and in the description) and the problem+json answers
 * every endpoint may give (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BASIC = "basicAuth";
  static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";

  @Bean
  OpenAPI afterSalesOpenApi() {
    return new OpenAPI()
        .info(new Info().title("After-sales orchestration API")
            .description("Returns, exchanges, mis-sent items and out-of-stock orders on Camunda 8. Every endpoint "
                + "needs HTTP Basic credentials of an API user; x-roles lists the roles that may call it. Errors are "
                + "application/problem+json; a 400 names each bad field in errors[].")
            .license(new License().name("Apache-2.0")))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
            .addSchemas(PROBLEM, problemSchema()))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }

  @Bean
  OpenApiCustomizer rolesAndProblems() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      Optional<ApiAccess.Rule> rule = ApiAccess.ruleFor(HttpMethod.valueOf(method.name()), path);
      List<String> roles = rule.map(r -> r.roles().stream().map(Role::name).toList()).orElse(List.of());
      operation.addExtension("x-roles", roles);
      String access = "Roles: " + (roles.isEmpty() ? "none (refused)" : String.join(", ", roles))
          + (rule.map(ApiAccess.Rule::write).orElse(false) ? "; never an AUDITOR." : ".");
      operation.setDescription(operation.getDescription() == null ? access : operation.getDescription() + "\n\n" + access);
      ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
      problem(responses, "401", "No or wrong credentials.");
      problem(responses, "403", "The user's roles do not allow this call (or a channel user asks for another channel).");
      if (takesInput(operation)) {
        problem(responses, "400", "Bad input: errors[] names each bad field or parameter.");
      }
      if (path.contains("{")) {
        problem(responses, "404", "No such case, task or model (or a case of another channel).");
      }
      operation.setResponses(responses);
    }));
  }

  private static boolean takesInput(Operation operation) {
    return operation.getRequestBody() != null
        || (operation.getParameters() != null && !operation.getParameters().isEmpty());
  }

  private static void problem(ApiResponses responses, String status, String description) {
    if (responses.containsKey(status)) {
      return;
    }
    responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> problemSchema() {
    Schema error = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty("type", new StringSchema())
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("errors", new ArraySchema().items(error));
  }
}
