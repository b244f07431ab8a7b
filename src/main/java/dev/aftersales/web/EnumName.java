package dev.aftersales.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string that must name a constant of an enum (null passes; add {@code @NotNull} if required).
 * Requests bind enum values as strings so that an unknown value is one more field error in the
 * same 400 answer instead of an unreadable body that hides every other bad field.
 */
@Documented
@Constraint(validatedBy = EnumNameValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface EnumName {

  Class<? extends Enum<?>> value();

  /** Restricts the accepted constants to these names; empty accepts every constant. */
  String[] only() default {};

  String message() default "must be one of {accepted}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
