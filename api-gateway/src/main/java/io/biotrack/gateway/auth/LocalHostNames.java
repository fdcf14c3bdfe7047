package io.biotrack.gateway.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a gateway without API keys may be addressed by: the loopback names of this machine
 * ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}) and the host of its public URL ({@code
 * BIOTRACK_PUBLIC_URL}, which its signed links name). Pure: it parses header values and never
 * resolves a name (resolving is what DNS rebinding abuses).
 */
public final class LocalHostNames {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9._-]+");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]+\\]");

  private final Authority publicUrl;

  /**
   * @param publicUrl the gateway's configured public URL; null when there is none
   */
  public LocalHostNames(URI publicUrl) {
    this.publicUrl =
        publicUrl == null
            ? null
            : Authority.parse(
                publicUrl.getScheme(),
                publicUrl.getHost() + (publicUrl.getPort() < 0 ? "" : ":" + publicUrl.getPort()));
  }

  /** The public URL's host when it is not a loopback name (for messages); null otherwise. */
  public String publicHost() {
    return publicUrl == null || isLoopback(publicUrl.host()) ? null : publicUrl.host();
  }

  /**
   * @param host a {@code Host} header's value: a name or address, then maybe {@code :port}
   */
  public boolean isAllowedHost(String host) {
    Authority authority = Authority.parse("http", host);
    return authority != null && isAllowedName(authority.host());
  }

  /**
   * Whether a browser {@code Origin} is this gateway's own: an allowed name with the scheme and
   * port of the request itself, or exactly the public URL's origin. Another port on this machine is
   * another origin (another local web application), and {@code Origin: null} (a sandboxed frame, a
   * file) is nobody's.
   *
   * @param requestScheme {@code http} or {@code https}, as the request arrived
   * @param requestHost the request's {@code Host} header (already allowed)
   */
  public boolean isOwnOrigin(String origin, String requestScheme, String requestHost) {
    Authority from = parseOrigin(origin);
    if (from == null) {
      return false;
    }
    if (from.equals(publicUrl)) {
      return true;
    }
    Authority target = Authority.parse(requestScheme, requestHost);
    return target != null
        && isAllowedName(from.host())
        && from.scheme().equals(target.scheme())
        && from.port() == target.port();
  }

  private boolean isAllowedName(String host) {
    return isLoopback(host) || (publicUrl != null && host.equals(publicUrl.host()));
  }

  /** {@code localhost}, an IPv4 literal in 127.0.0.0/8, or an IPv6 loopback literal. */
  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    var ipv4 = IPV4.matcher(host);
    if (ipv4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(ipv4.group(i)) > 255) {
          return false;
        }
      }
      return ipv4.group(1).equals("127");
    }
    if (IPV6_LITERAL.matcher(host).matches()) {
      try {
        // A literal of hex digits, colons and dots only: parsed, never looked up.
        return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException notAnAddress) {
        return false;
      }
    }
    return false;
  }

  /** {@code scheme://host[:port]} and nothing else, as browsers send it; null if not that. */
  private static Authority parseOrigin(String origin) {
    if (origin == null) {
      return null;
    }
    int separator = origin.indexOf("://");
    if (separator < 0) {
      return null; // "null", or garbage
    }
    return Authority.parse(origin.substring(0, separator), origin.substring(separator + 3));
  }

  /**
   * A scheme, a lower-case host (IPv6 in brackets) and a port (the scheme's default when none is
   * written), so that equal origins compare equal.
   */
  record Authority(String scheme, String host, int port) {

    /** Null when {@code value} is not {@code host[:port]} with a known scheme. */
    static Authority parse(String scheme, String value) {
      if (scheme == null || value == null) {
        return null;
      }
      String lowerScheme = scheme.toLowerCase(Locale.ROOT);
      int defaultPort =
          switch (lowerScheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
          };
      if (defaultPort < 0) {
        return null;
      }
      String text = value.strip().toLowerCase(Locale.ROOT);
      String host;
      String rest;
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = text.substring(0, close + 1);
        rest = text.substring(close + 1);
        if (!IPV6_LITERAL.matcher(host).matches()) {
          return null;
        }
      } else {
        int colon = text.indexOf(':');
        host = colon < 0 ? text : text.substring(0, colon);
        rest = colon < 0 ? "" : text.substring(colon);
        if (!HOST_NAME.matcher(host).matches()) {
          return null;
        }
      }
      if (rest.isEmpty()) {
        return new Authority(lowerScheme, host, defaultPort);
      }
      if (!rest.matches(":\\d{1,5}")) {
        return null;
      }
      int port = Integer.parseInt(rest.substring(1));
      return port > 65535 ? null : new Authority(lowerScheme, host, port);
    }
  }
}
