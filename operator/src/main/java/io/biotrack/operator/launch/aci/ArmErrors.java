package io.biotrack.operator.launch.aci;

import com.azure.core.management.exception.ManagementException;
import io.biotrack.launch.LaunchDeferredException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which ARM answers to a container group creation mean "not now" rather than "never": throttling
 * (HTTP 429, once the client's own retries gave up) and quota errors ({@code
 * ContainerGroupQuotaReached}: "container group quota 'StandardCores' exceeded in region …", and
 * other codes that name a quota). Those defer the launch — it is no attempt, the job shows ARM's
 * message and a Warning event — and it is tried again later. Anything else is an error of the
 * reconcile.
 */
final class ArmErrors {
  static final String THROTTLED = "LaunchThrottled";
  static final String QUOTA = "QuotaExceeded";

  private ArmErrors() {}

  static Optional<LaunchDeferredException> deferral(ManagementException e) {
    int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    String code =
        e.getValue() == null || e.getValue().getCode() == null ? "" : e.getValue().getCode();
    String message =
        e.getValue() == null || e.getValue().getMessage() == null ? "" : e.getValue().getMessage();
    if (status == 429 || code.equals("TooManyRequests")) {
      return Optional.of(
          new LaunchDeferredException(
              THROTTLED,
              "Azure throttled container group creation (" + describe(code, message) + ")",
              e));
    }
    if (code.toLowerCase(Locale.ROOT).contains("quota")) {
      return Optional.of(
          new LaunchDeferredException(
              QUOTA, "an Azure quota is reached (" + describe(code, message) + ")", e));
    }
    return Optional.empty();
  }

  private static String describe(String code, String message) {
    String text = code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
    return text.isEmpty() ? "no message" : text;
  }
}
