package io.biotrack.launch;

/**
 * A launcher cannot run this request at all (e.g. GPUs where the platform has none): retrying would
 * not help, so the job fails with this message.
 */
public class LaunchRejectedException extends RuntimeException {
  public LaunchRejectedException(String message) {
    super(message);
  }
}
