package io.biotrack.gateway.api;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The storage ports block; handlers call them here, off the event loop. */
final class Blocking {
  private Blocking() {}

  static <T> Mono<T> call(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
