package io.biotrack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalHostNamesTest {
  final LocalHostNames loopbackOnly = new LocalHostNames(URI.create("http://127.0.0.1:8080"));
  final LocalHostNames withPublicName =
      new LocalHostNames(URI.create("https://biotrack.lab.example"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1:8080", "127.0.0.1", "localhost:8080", "LOCALHOST:8080", "localhost",
        "[::1]:8080", "[::1]", "[0:0:0:0:0:0:0:1]:8080", "127.1.2.3:8080", "127.255.255.254"
      })
  void loopbackNamesAreThisMachine(String host) {
    assertThat(loopbackOnly.isAllowedHost(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rebind.attacker.example:8080",
        "rebind.attacker.example",
        "localhost.attacker.example",
        "127.0.0.1.nip.io:8080",
        "127.0.0.1.attacker.example",
        "10.0.0.5:8080",
        "0.0.0.0:8080",
        "128.0.0.1",
        "127.0.0.256",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "[::2]:8080",
        "[::ffff:10.0.0.1]",
        "[::1",
        "::1",
        "localhost:80:80",
        "localhost:port",
        "localhost:99999",
        "",
        " ",
        "local host",
        "localhost/x",
        "user@localhost"
      })
  void anyOtherNameIsNot(String host) {
    assertThat(loopbackOnly.isAllowedHost(host)).isFalse();
  }

  @Test
  void thePublicUrlsHostIsAllowedButNothingElseBesideLoopback() {
    assertThat(withPublicName.isAllowedHost("biotrack.lab.example")).isTrue();
    assertThat(withPublicName.isAllowedHost("BioTrack.Lab.Example:443")).isTrue();
    assertThat(withPublicName.isAllowedHost("127.0.0.1:8080")).isTrue();
    assertThat(withPublicName.isAllowedHost("other.lab.example")).isFalse();
    assertThat(withPublicName.publicHost()).isEqualTo("biotrack.lab.example");
    assertThat(loopbackOnly.publicHost()).isNull();
    assertThat(new LocalHostNames(null).isAllowedHost("localhost:1")).isTrue();
  }

  @Test
  void anOriginIsOwnWithAnAllowedNameTheRequestsSchemeAndItsPort() {
    assertThat(loopbackOnly.isOwnOrigin("http://127.0.0.1:8080", "http", "127.0.0.1:8080"))
        .isTrue();
    // The UI opened as localhost, uploading to a link that names 127.0.0.1.
    assertThat(loopbackOnly.isOwnOrigin("http://localhost:8080", "http", "127.0.0.1:8080"))
        .isTrue();
    assertThat(loopbackOnly.isOwnOrigin("http://[::1]:8080", "http", "localhost:8080")).isTrue();
    assertThat(loopbackOnly.isOwnOrigin("http://localhost", "http", "localhost:80")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example", "http://evil.example:8080", "null", "http://127.0.0.1:3000",
        "https://127.0.0.1:8080", "http://rebind.attacker.example:8080", "file://", "",
        "http://127.0.0.1:8080/path", "127.0.0.1:8080", "ftp://127.0.0.1:8080"
      })
  void anyOtherOriginIsForeign(String origin) {
    assertThat(loopbackOnly.isOwnOrigin(origin, "http", "127.0.0.1:8080")).isFalse();
  }

  @Test
  void thePublicUrlsOriginIsOwnEvenBehindAProxyOnAnotherPort() {
    assertThat(withPublicName.isOwnOrigin("https://biotrack.lab.example", "http", "127.0.0.1:8080"))
        .isTrue();
    assertThat(withPublicName.isOwnOrigin("http://biotrack.lab.example", "http", "127.0.0.1:8080"))
        .isFalse();
    assertThat(withPublicName.isOwnOrigin(null, "http", "127.0.0.1:8080")).isFalse();
  }
}
