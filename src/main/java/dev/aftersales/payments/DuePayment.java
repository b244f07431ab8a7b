package dev.aftersales.payments;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.DifferencePayment;
import dev.aftersales.cases.DifferencePaymentRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.RefundRepository;
import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.integration.payment.PaymentsClient.Payment;
import dev.aftersales.process.Messages;
import dev.aftersales.web.RequestRejectedException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * What a case asked the customer to pay, as its type decides: an exchange to a dearer variant asks for the
 * price difference (docs/exchange-and-mis-sent-process.md), an exception order whose payment failed asks for
 * the order's amount through a pay link (docs/exception-orders-process.md). {@link PaymentReports} takes every
 * reported payment the same way; this says what each one accepts, when it is too late (then it is refunded),
 * and where the case keeps it.
 */
sealed interface DuePayment {

  /**
   * The kind of payment, with the message and catch event of the process that waits for it, and the table and column
   * of the part that holds it.
   */
  enum Kind {
    PRICE_DIFFERENCE("price difference", Messages.DIFFERENCE_PAID, "IntermediateCatchEvent_DifferencePaid",
        "Difference paid", "Difference paid after the window closed: refunded", "case_difference_payment",
        "payment_id"),
    ORDER("order payment", Messages.ORDER_PAID, "IntermediateCatchEvent_OrderPaid",
        "Order paid", "Order paid after it was cancelled: refunded", "case_order_exception", "paid_payment_id");

    final String what;
    final String message;
    final String catchEvent;
    final String paidSummary;
    final String lateSummary;
    final String table;
    final String paymentColumn;

    Kind(String what, String message, String catchEvent, String paidSummary, String lateSummary, String table,
        String paymentColumn) {
      this.what = what;
      this.message = message;
      this.catchEvent = catchEvent;
      this.paidSummary = paidSummary;
      this.lateSummary = lateSummary;
      this.table = table;
      this.paymentColumn = paymentColumn;
    }
  }

  /**
   * @param differencePayments where an exchange keeps its difference payment (an aggregate of its own)
   * @param exceptions where an exception order keeps its pay link and payment (an aggregate of its own)
   */
  static Optional<DuePayment> of(AfterSalesCase c, DifferencePaymentRepository differencePayments,
      OrderExceptionRepository exceptions, RefundRepository refunds) {
    return switch (c.getType()) {
      case EXCHANGE -> differencePayments.findById(c.getId()).filter(DifferencePayment::requested)
          .map(payment -> new PriceDifference(payment, refunds.existsById(c.getId())));
      case ORDER_EXCEPTION -> exceptions.findById(c.getId())
          .filter(e -> e.exceptionType() == ExceptionType.PAYMENT_FAILED && e.paymentRequestId() != null)
          .map(OrderPayment::new);
      default -> Optional.empty();
    };
  }

  Kind kind();

  String paymentRequestId();

  /** The payment stored before; null while unpaid. */
  String paidPaymentId();

  BigDecimal paidAmount();

  /** 422 when the reported payment does not fit what was asked for, before the provider is asked. */
  void checkReported(ReportedPayment reported);

  /** What is stored as paid, from the provider's word; 422 when it does not cover what was asked for. */
  BigDecimal accepted(ReportedPayment reported, Payment known);

  /** 409 when the case takes no payment any more, not even to refund it. */
  void requireTakesPayment(AfterSalesCase c);

  /** The process no longer waits for it: the payment is kept only to be refunded. */
  boolean late(AfterSalesCase c);

  /** The process went on with the payment already (the case shows it): nothing is left to tell it. */
  default boolean taken() {
    return false;
  }

  /**
   * Stores the payment on the part of the case that asked for it (an aggregate of its own), which
   * {@link #savePart} saves after the case.
   *
   * @return this due payment as paid
   */
  DuePayment store(AfterSalesCase c, String paymentId, BigDecimal amount, Instant at, boolean late);

  /** Saves the part that holds the payment; its version check fails when it changed since it was read. */
  void savePart(DifferencePaymentRepository differencePayments, OrderExceptionRepository exceptions);

  default boolean sameAsPaid(ReportedPayment reported) {
    return paidPaymentId().equals(reported.paymentId())
        && (reported.amount() == null || paidAmount().compareTo(reported.amount()) == 0);
  }

  /** The difference of an exchange to a dearer variant: exactly the amount asked for, within the 48 h window. */
  /** @param refunded whether the exchange became a refunded return: its refund was calculated */
  record PriceDifference(DifferencePayment payment, boolean refunded) implements DuePayment {

    @Override
    public Kind kind() {
      return Kind.PRICE_DIFFERENCE;
    }

    @Override
    public String paymentRequestId() {
      return payment.paymentRequestId();
    }

    @Override
    public String paidPaymentId() {
      return payment.paymentId();
    }

    @Override
    public BigDecimal paidAmount() {
      return payment.paidAmount();
    }

    @Override
    public void checkReported(ReportedPayment reported) {
      if (reported.amount().compareTo(payment.amount()) != 0) {
        throw RequestRejectedException.unprocessable("amount",
            "must be the requested difference of " + payment.amount() + " CNY, not " + reported.amount());
      }
    }

    /** The channel's word is not enough to ship a dearer variant: the provider must hold exactly the difference. */
    @Override
    public BigDecimal accepted(ReportedPayment reported, Payment known) {
      if (known.amount() == null || known.amount().compareTo(reported.amount()) != 0) {
        throw RequestRejectedException.unprocessable("amount", "the payment provider has " + known.amount()
            + " CNY for payment " + reported.paymentId() + ", not " + reported.amount());
      }
      return reported.amount().setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public void requireTakesPayment(AfterSalesCase c) {
      // a closed window still takes the payment, to refund it
    }

    /** After the window (request cancelled, or the exchange already became a refunded return). */
    @Override
    public boolean late(AfterSalesCase c) {
      return !payment.windowOpen() || refunded || c.getClosedAt() != null;
    }

    @Override
    public DuePayment store(AfterSalesCase c, String paymentId, BigDecimal amount, Instant at, boolean late) {
      DifferencePayment paid = payment.pay(paymentId, amount, at);
      return new PriceDifference(late ? paid.closeWindow(at) : paid, refunded);
    }

    /** Its version check fails when the window's close was saved since it was read (CaseChanges takes it again). */
    @Override
    public void savePart(DifferencePaymentRepository differencePayments, OrderExceptionRepository exceptions) {
      differencePayments.save(payment);
    }
  }

  /** The pay link of an exception order whose payment failed: at least the order's amount, before the deadline. */
  record OrderPayment(OrderException exception) implements DuePayment {

    @Override
    public Kind kind() {
      return Kind.ORDER;
    }

    @Override
    public String paymentRequestId() {
      return exception.paymentRequestId();
    }

    @Override
    public String paidPaymentId() {
      return exception.paidPaymentId();
    }

    @Override
    public BigDecimal paidAmount() {
      return exception.paidAmount();
    }

    @Override
    public void checkReported(ReportedPayment reported) {
      // the case knows what it asked for: the order's amount
    }

    @Override
    public BigDecimal accepted(ReportedPayment reported, Payment known) {
      if (known.amount() == null || known.amount().compareTo(exception.orderAmount()) < 0) {
        throw RequestRejectedException.unprocessable("paymentId", "the payment provider has " + known.amount()
            + " CNY for payment " + reported.paymentId() + ", less than the order's " + exception.orderAmount());
      }
      return known.amount().setScale(2, RoundingMode.HALF_UP);
    }

    /** A released order shipped: a payment now is the channel's own business, not this case's. */
    @Override
    public void requireTakesPayment(AfterSalesCase c) {
      if (exception.released()) {
        throw RequestRejectedException.conflict("The order of case " + c.getId() + " was released; it takes no payment");
      }
    }

    /** The order was released: its process took the payment. */
    @Override
    public boolean taken() {
      return exception.released();
    }

    /** The order was cancelled at the payment deadline: the payment is refunded, the order stays cancelled. */
    @Override
    public boolean late(AfterSalesCase c) {
      return exception.cancelled();
    }

    @Override
    public DuePayment store(AfterSalesCase c, String paymentId, BigDecimal amount, Instant at, boolean late) {
      return new OrderPayment(exception.paid(paymentId, amount, at));
    }

    @Override
    public void savePart(DifferencePaymentRepository differencePayments, OrderExceptionRepository exceptions) {
      exceptions.save(exception);
    }
  }
}
