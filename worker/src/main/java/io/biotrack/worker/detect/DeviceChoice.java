package io.biotrack.worker.detect;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --device auto|cpu|cuda[:N]} ({@code BIOTRACK_DEVICE}): where the model runs. {@code auto}
 * takes the first GPU when the engine has one, else the CPU. The default build bundles libtorch's
 * CPU natives only, so there {@code auto} is the CPU and {@code cuda} is refused with the reason; a
 * GPU worker needs the {@code cuda} build (docs/worker.md, "GPU").
 *
 * @param index the CUDA device, for {@code cuda[:N]}; -1 for {@code auto} and {@code cpu}
 */
public record DeviceChoice(String kind, int index) {
  private static final Pattern SYNTAX = Pattern.compile("(auto|cpu|cuda)(?::(\\d{1,2}))?");

  public static final DeviceChoice AUTO = new DeviceChoice("auto", -1);
  public static final DeviceChoice CPU = new DeviceChoice("cpu", -1);

  /**
   * @throws IllegalArgumentException for anything but auto, cpu, cuda or cuda:N
   */
  public static DeviceChoice parse(String text) {
    String value = text == null || text.isBlank() ? "auto" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SYNTAX.matcher(value);
    if (!m.matches() || (m.group(2) != null && !m.group(1).equals("cuda"))) {
      throw new IllegalArgumentException(
          "--device must be auto, cpu, cuda or cuda:N (e.g. cuda:1), not '" + text + "'");
    }
    return new DeviceChoice(
        m.group(1),
        m.group(2) == null ? (m.group(1).equals("cuda") ? 0 : -1) : Integer.parseInt(m.group(2)));
  }

  /**
   * The DJL device, given the GPUs the engine sees.
   *
   * @throws DetectorException when CUDA was asked for and the engine has no such GPU
   */
  public Device resolve(int gpus) {
    return switch (kind) {
      case "cpu" -> Device.cpu();
      case "auto" -> gpus > 0 ? Device.gpu(0) : Device.cpu();
      default -> {
        if (index >= gpus) {
          throw new DetectorException(
              "--device "
                  + this
                  + ": the engine sees "
                  + gpus
                  + " CUDA device(s); this worker"
                  + " build bundles "
                  + (gpus == 0
                      ? "CPU natives only (build with -Pcuda, docs/worker.md#gpu)"
                      : "fewer GPUs")
                  + ", or use --device cpu");
        }
        yield Device.gpu(index);
      }
    };
  }

  /** {@link #resolve(int)} with the PyTorch engine's own count (the engine must be configured). */
  public Device resolve() {
    return resolve(kind.equals("cpu") ? 0 : Engine.getEngine("PyTorch").getGpuCount());
  }

  @Override
  public String toString() {
    return index >= 0 && kind.equals("cuda") ? "cuda:" + index : kind;
  }
}
