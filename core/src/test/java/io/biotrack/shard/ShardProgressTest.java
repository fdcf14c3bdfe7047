package io.biotrack.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.Inference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShardProgressTest {
  @Test
  void aReportCarriesTheWorkersDeviceAndBatchSize() {
    ShardProgress report = new ShardProgress(2, 10, 4, 1, 7, false, "cuda:0", 8);

    assertThat(ShardProgress.parse(report.toBytes())).isEqualTo(report);
    assertThat(report.inference()).isEqualTo(new Inference("cuda:0", 8));
  }

  @Test
  void aReportOfAnOlderWorkerSaysNothingOfIt() {
    byte[] old =
        "{\"version\":1,\"attempt\":1,\"total\":10,\"processed\":3,\"failed\":0,\"detections\":2,\"complete\":false}"
            .getBytes(StandardCharsets.UTF_8);

    ShardProgress report = ShardProgress.parse(old);
    assertThat(report).isEqualTo(new ShardProgress(1, 10, 3, 0, 2, false));
    assertThat(report.inference()).isNull();
  }
}
