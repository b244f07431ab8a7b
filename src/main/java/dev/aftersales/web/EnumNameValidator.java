package dev.aftersales.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

public class EnumNameValidator implements ConstraintValidator<EnumName, String> {

  private Set<String> accepted;
  private String acceptedText;

  @Override
  public void initialize(EnumName annotation) {
    List<String> constants = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).toList();
    List<String> only = Arrays.asList(annotation.only());
    if (!constants.containsAll(only)) {
      // A typo in the annotation is a programming error: fail on first use rather than reject valid input.
      throw new IllegalArgumentException(only + " are not all constants of " + annotation.value().getName());
    }
    List<String> names = only.isEmpty() ? constants : only;
    accepted = Set.copyOf(names);
    acceptedText = String.join(", ", names);
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null || accepted.contains(value)) {
      return true;
    }
    context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("accepted", acceptedText);
    return false;
  }
}
