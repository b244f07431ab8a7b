package dev.aftersales.cases;

public class CaseNotFoundException extends RuntimeException {

  public CaseNotFoundException(String caseId) {
    super("No after-sales case with id " + caseId);
  }
}
