package io.biotrack.gateway.error;

/**
 * One bad field of a request, as listed in a validation problem's {@code errors}.
 *
 * @param field where it is: {@code files[2].name}, {@code limit}, {@code
 *     options.confidenceThreshold}
 */
public record FieldError(String field, String detail) {}
