package dev.aftersales.web;

/** One bad field of a request, as the {@code errors} member of a problem+json answer lists it. */
public record FieldProblem(String field, String message) {}
