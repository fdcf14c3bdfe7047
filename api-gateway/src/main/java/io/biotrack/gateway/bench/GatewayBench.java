package io.biotrack.gateway.bench;

/** Placeholder, replaced below. */
public final class GatewayBench {
  private GatewayBench() {}

  public static int run(String[] args) {
    return 0;
  }
}
