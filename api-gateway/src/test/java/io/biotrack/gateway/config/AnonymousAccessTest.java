package io.biotrack.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.gateway.auth.ApiKeys;
import org.junit.jupiter.api.Test;

class AnonymousAccessTest {
  @Test
  void withoutKeysOnLoopbackRequestsActAsTheLocalTenant() {
    assertThat(AnonymousAccess.decide("local", ApiKeys.none(), "127.0.0.1").tenant())
        .contains("local");
    assertThat(AnonymousAccess.decide("local", ApiKeys.none(), "::1").tenant()).contains("local");
  }

  @Test
  void configuredKeysTurnAnonymousAccessOff() {
    ApiKeys keys = ApiKeys.parse("acme:" + ApiKeys.hash("k"));
    assertThat(AnonymousAccess.decide("local", keys, "127.0.0.1").tenant()).isEmpty();
  }

  @Test
  void anonymousAccessOnAnotherAddressRefusesToStart() {
    assertThatThrownBy(() -> AnonymousAccess.decide("local", ApiKeys.none(), "0.0.0.0"))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> AnonymousAccess.decide("local", ApiKeys.none(), null))
        .hasMessageContaining("loopback");
  }

  @Test
  void noAnonymousTenantMeansKeysAreRequired() {
    assertThat(AnonymousAccess.decide("", ApiKeys.none(), "0.0.0.0").tenant()).isEmpty();
  }
}
