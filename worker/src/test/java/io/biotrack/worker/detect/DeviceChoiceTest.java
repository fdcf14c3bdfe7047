package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
  @Test
  void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
    assertThat(DeviceChoice.parse("auto").resolve(0)).isEqualTo(Device.cpu());
    assertThat(DeviceChoice.parse(null).resolve(2)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.parse(" CPU ").resolve(4)).isEqualTo(Device.cpu());
  }

  @Test
  void cudaNamesADeviceTheEngineMustHave() {
    assertThat(DeviceChoice.parse("cuda").resolve(1)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.parse("cuda:1").resolve(2)).isEqualTo(Device.gpu(1));
    assertThatThrownBy(() -> DeviceChoice.parse("cuda:1").resolve(1))
        .isInstanceOf(DetectorException.class)
        .hasMessageContaining("--device cuda:1");
    assertThatThrownBy(() -> DeviceChoice.parse("cuda").resolve(0))
        .hasMessageContaining("CPU natives only")
        .hasMessageContaining("--device cpu");
  }

  @Test
  void anythingElseIsBadUsage() {
    for (String bad : new String[] {"gpu", "cuda:", "cpu:0", "cuda:x", "mps"}) {
      assertThatThrownBy(() -> DeviceChoice.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("auto, cpu, cuda or cuda:N");
    }
  }
}
