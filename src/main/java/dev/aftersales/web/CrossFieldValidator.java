package dev.aftersales.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class CrossFieldValidator implements ConstraintValidator<CrossFieldChecked, CrossFieldRules> {

  @Override
  public boolean isValid(CrossFieldRules value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    boolean[] valid = {true};
    context.disableDefaultConstraintViolation();
    value.check(new CrossFieldRules.Violations() {
      @Override
      public void reject(String field, String message) {
        valid[0] = false;
        context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field).addConstraintViolation();
      }

      @Override
      public void reject(String collection, int index, String field, String message) {
        valid[0] = false;
        context.buildConstraintViolationWithTemplate(escape(message))
            .addPropertyNode(collection)
            .addPropertyNode(field).inIterable().atIndex(index)
            .addConstraintViolation();
      }
    });
    return valid[0];
  }

  /** Messages may quote user input; braces in it must not be read as message parameters. */
  private static String escape(String message) {
    return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
  }
}
