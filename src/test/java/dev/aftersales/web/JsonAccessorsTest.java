package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.aftersales.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's JSON mapper, and the API's strict copy of it, read and write properties through Blackbird. */
class JsonAccessorsTest extends IntegrationTest {

  @Autowired ObjectMapper json;

  @Test
  void theApplicationsMapperAndTheApisStrictCopyUseGeneratedAccessors() {
    Object blackbird = new BlackbirdModule().getTypeId();
    assertThat(json.getRegisteredModuleIds()).contains(blackbird);
    assertThat(StrictJson.strict(json).getRegisteredModuleIds()).contains(blackbird);
  }
}
