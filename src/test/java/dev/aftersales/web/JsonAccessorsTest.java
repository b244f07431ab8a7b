package dev.aftersales.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's JSON mapper, and the API's strict copy of it, read and write the properties of records and beans
 * through Blackbird's generated accessors, not Jackson's reflective ones.
 */
class JsonAccessorsTest extends IntegrationTest {

  @Autowired ObjectMapper json;

  @Test
  void theApplicationsMapperAndTheApisStrictCopyUseGeneratedAccessors() throws Exception {
    Object blackbird = new BlackbirdModule().getTypeId();
    assertThat(json.getRegisteredModuleIds()).contains(blackbird);
    assertThat(StrictJson.strict(json).getRegisteredModuleIds()).contains(blackbird);

    // a record the timeline's details and the API's answers hold: every property written by a generated accessor
    BeanSerializerBase serializer = (BeanSerializerBase) json.getSerializerProviderInstance()
        .findValueSerializer(OrderLine.class);
    List<String> writers = new ArrayList<>();
    serializer.properties().forEachRemaining((PropertyWriter p) -> writers.add(p.getClass().getName()));
    assertThat(writers).isNotEmpty().allMatch(name -> name.startsWith("com.fasterxml.jackson.module.blackbird."));
  }
}
