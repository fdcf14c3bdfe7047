package io.biotrack.gateway.config;

import io.biotrack.gateway.auth.ApiKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether requests without an API key are served, and as which tenant: only when an anonymous
 * tenant is configured, no key is, and the server listens on a loopback address (embedded mode on
 * one machine). Anything else that asks for anonymous access refuses to start.
 */
public record AnonymousAccess(Optional<String> tenant) {
  private static final Logger log = LoggerFactory.getLogger(AnonymousAccess.class);

  public static AnonymousAccess decide(String anonymousTenant, ApiKeys keys, String serverAddress) {
    if (anonymousTenant == null || anonymousTenant.isBlank()) {
      if (keys.isEmpty()) {
        log.warn("no API keys are configured (BIOTRACK_API_KEYS): every /api request gets 401");
      }
      return new AnonymousAccess(Optional.empty());
    }
    if (!keys.isEmpty()) {
      log.info("{}; requests need a key", keys);
      return new AnonymousAccess(Optional.empty());
    }
    if (!ApiKeys.isValidTenant(anonymousTenant)) {
      throw new IllegalStateException("the anonymous tenant name is not valid: " + anonymousTenant);
    }
    if (!isLoopback(serverAddress)) {
      throw new IllegalStateException(
          "requests without an API key are only allowed while the gateway listens on loopback"
              + " (server.address=127.0.0.1); set BIOTRACK_API_KEYS or bind to 127.0.0.1");
    }
    log.info(
        "no API keys configured: requests without a key act as tenant '{}' (loopback only)",
        anonymousTenant);
    return new AnonymousAccess(Optional.of(anonymousTenant));
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false; // Spring binds to every interface when no address is set
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
