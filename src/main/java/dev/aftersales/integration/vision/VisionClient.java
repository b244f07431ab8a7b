package dev.aftersales.integration.vision;

import dev.aftersales.integration.Endpoint;
import dev.aftersales.integration.RestClients;
import dev.aftersales.integration.SurroundingSystem;
import dev.aftersales.integration.SystemClient;
import org.springframework.stereotype.Component;

/** Text recognition on evidence images, for reason classification. */
@Component
public class VisionClient extends SystemClient {

  public static final Endpoint OCR = Endpoint.post(SurroundingSystem.VISION, "/vision/ocr");

  public record OcrRequest(String url) {}

  public record OcrResult(String text) {}

  public VisionClient(RestClients clients) {
    super(clients.forSystem(SurroundingSystem.VISION));
  }

  public OcrResult read(OcrRequest request) {
    return query(OCR, request, OcrResult.class);
  }
}
