package io.biotrack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
  // printf %s key-a | sha256sum
  static final String HASH_A = ApiKeys.hash("key-a");

  @Test
  void hashIsTheHexSha256OfTheKeysUtf8Bytes() {
    assertThat(ApiKeys.hash("test"))
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @Test
  void aConfiguredKeyMapsToItsTenantAndNothingElseDoes() {
    ApiKeys keys =
        ApiKeys.parse(
            "acme:"
                + HASH_A
                + ", lab-2:"
                + ApiKeys.hash("key-b")
                + " acme:"
                + ApiKeys.hash("key-c"));
    assertThat(keys.tenantOf("key-a")).contains("acme");
    assertThat(keys.tenantOf("key-b")).contains("lab-2");
    assertThat(keys.tenantOf("key-c")).contains("acme");
    assertThat(keys.tenantOf("key-d")).isEmpty();
    assertThat(keys.tenantOf("")).isEmpty();
    assertThat(keys.tenantOf(null)).isEmpty();
    assertThat(keys.tenants()).containsExactly("acme", "lab-2");
  }

  @Test
  void upperCaseHashesAreAccepted() {
    assertThat(ApiKeys.parse("acme:" + HASH_A.toUpperCase()).tenantOf("key-a")).contains("acme");
  }

  @Test
  void emptySettingsMeanNoKeys() {
    assertThat(ApiKeys.parse("").isEmpty()).isTrue();
    assertThat(ApiKeys.parse("  ").isEmpty()).isTrue();
    assertThat(ApiKeys.parse(null).isEmpty()).isTrue();
  }

  @Test
  void badEntriesAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiKeys.parse("acme:" + HASH_A + ",plaintext-secret"))
        .hasMessageContaining("entry 2 of 2")
        .hasMessageNotContaining("plaintext-secret");
    assertThatThrownBy(() -> ApiKeys.parse("acme:abc")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> ApiKeys.parse("a/b:" + HASH_A)).hasMessageContaining("tenant");
  }

  @Test
  void toStringNeverShowsHashes() {
    assertThat(ApiKeys.parse("acme:" + HASH_A).toString()).doesNotContain(HASH_A).contains("acme");
  }
}
