package dev.aftersales;

import dev.aftersales.models.DeployedModels;
import io.camunda.client.annotation.Deployment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * After-sales orchestration: intake API and case store in front, Zeebe processes and job workers behind.
 *
 * <p>All models are deployed together (one deployment) so that forms and decisions bound with
 * {@code bindingType="deployment"} resolve to the versions they were shipped with.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Deployment(resources = {DeployedModels.PROCESSES, DeployedModels.DECISIONS, DeployedModels.FORMS})
public class AfterSalesApplication {

  public static void main(String[] args) {
    SpringApplication.run(AfterSalesApplication.class, args);
  }
}
