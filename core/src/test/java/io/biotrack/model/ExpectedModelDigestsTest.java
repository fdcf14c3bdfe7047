package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExpectedModelDigestsTest {
  private static final String A = "a".repeat(64);
  private static final String B = "0123456789abcdef".repeat(4);

  @Test
  void readsPairsAndWritesThemBack() {
    ExpectedModelDigests digests =
        ExpectedModelDigests.parse(
            " mdv5a=" + A.toUpperCase() + ", md_v1000.0.0-redwood.torchscript=" + B + ",");

    assertThat(digests.byName())
        .containsEntry("mdv5a", A)
        .containsEntry("md_v1000.0.0-redwood.torchscript", B);
    assertThat(ExpectedModelDigests.parse(digests.format())).isEqualTo(digests);
    assertThat(ExpectedModelDigests.parse(null).isEmpty()).isTrue();
    assertThat(ExpectedModelDigests.parse(" ").isEmpty()).isTrue();
  }

  @Test
  void malformedPairsAreNamed() {
    assertThatThrownBy(() -> ExpectedModelDigests.parse("mdv5a=abc"))
        .hasMessageContaining("'mdv5a=abc' is not NAME=SHA256");
    assertThatThrownBy(() -> ExpectedModelDigests.parse(A))
        .hasMessageContaining("is not NAME=SHA256");
    assertThatThrownBy(() -> ExpectedModelDigests.parse("x=" + A + ",x=" + B))
        .hasMessageContaining("'x' is listed twice");
  }

  @Test
  void aModelWhoseDigestDiffersIsRefusedWithBothDigests() {
    ExpectedModelDigests digests = ExpectedModelDigests.parse("mdv5a=" + A);

    digests.check(Path.of("/models/mdv5a"), A);
    assertThatThrownBy(() -> digests.check(Path.of("/models/mdv5a"), B))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("has SHA-256 " + B + " but the deployment expects " + A)
        .hasMessageContaining("model.sha256");
  }

  @Test
  void whenDigestsAreSetAModelWithoutOneIsRefused() {
    ExpectedModelDigests digests = ExpectedModelDigests.parse("mdv5a=" + A);

    assertThatThrownBy(() -> digests.check(Path.of("/models/mdv5b"), A))
        .hasMessageContaining("/models/mdv5b has no expected SHA-256")
        .hasMessageContaining("lists mdv5a");
    assertThatThrownBy(() -> digests.check(Path.of("/models/notmdv5a"), A))
        .hasMessageContaining("no expected");
    ExpectedModelDigests.NONE.check(Path.of("/models/anything"), B);
  }
}
