package dev.aftersales.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the {@link CrossFieldRules} of a request record as part of Bean Validation, so rules that
 * span fields report on the exact field ({@code lines[0].exchangeSku}) in the same 400 answer.
 */
@Documented
@Constraint(validatedBy = CrossFieldValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CrossFieldChecked {

  String message() default "is invalid";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
