package dev.aftersales.integration.payment;

/**
 * The payment provider refuses the refund (HTTP 422, e.g. the payment is too old): a business
 * answer, not a failure. Retrying would not change it; finance has to refund another way.
 */
public class RefundDeclinedException extends RuntimeException {

  private final String providerAnswer;

  public RefundDeclinedException(String providerAnswer) {
    super("Payments declined the refund: " + providerAnswer);
    this.providerAnswer = providerAnswer;
  }

  public String providerAnswer() {
    return providerAnswer;
  }
}
