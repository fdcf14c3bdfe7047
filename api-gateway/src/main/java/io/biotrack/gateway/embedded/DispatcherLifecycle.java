package io.biotrack.gateway.embedded;

import io.biotrack.embedded.dispatch.LocalDispatcher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the local dispatcher with the application's lifecycle. Its phase is the highest, so on
 * Ctrl-C it stops first, at once: no new worker is launched and the running ones are stopped (their
 * jobs resume from checkpoints) before the web server drains its requests. The database stays open
 * until the context closes its beans, after the drain.
 */
final class DispatcherLifecycle implements SmartLifecycle {
  private final LocalDispatcher dispatcher;
  private volatile boolean running;

  DispatcherLifecycle(LocalDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void start() {
    dispatcher.start();
    running = true;
  }

  @Override
  public void stop() {
    dispatcher.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
