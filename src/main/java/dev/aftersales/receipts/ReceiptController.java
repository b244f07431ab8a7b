package dev.aftersales.receipts;

import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The warehouse reports returned parcels; 202 because the process takes it from here asynchronously. */
@RestController
class ReceiptController {

  private final ReceiptService receipts;

  ReceiptController(ReceiptService receipts) {
    this.receipts = receipts;
  }

  @PostMapping(ApiPaths.RECEIPTS)
  ResponseEntity<Void> receive(@Valid @RequestBody ParcelReceipt receipt, Principal user) {
    receipts.receive(receipt, user.getName());
    return ResponseEntity.accepted().build();
  }
}
