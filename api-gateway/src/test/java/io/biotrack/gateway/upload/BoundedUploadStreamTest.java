package io.biotrack.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.files.ImageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * The bridge the upload endpoint uses from the request body (Netty buffers) to the blocking blob
 * store: however large the file, only a few chunks are held, and every buffer is released.
 */
class BoundedUploadStreamTest {
  static final int CHUNK = 64 * 1024;
  static final int PREFETCH = 8;

  private final NettyDataBufferFactory netty =
      new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
  private final List<ByteBuf> made = new CopyOnWriteArrayList<>();
  private final AtomicLong emitted = new AtomicLong();

  private Flux<DataBuffer> body(int chunks) {
    return Flux.range(0, chunks)
        .map(
            i -> {
              emitted.incrementAndGet();
              DataBuffer buffer = netty.allocateBuffer(CHUNK);
              buffer.writePosition(CHUNK);
              made.add(NettyDataBufferFactory.toByteBuf(buffer));
              return buffer;
            });
  }

  @Test
  void theReaderNeverHasMoreThanThePrefetchedChunksWaitingAndEveryBufferIsReleased()
      throws Exception {
    int chunks = 1000; // 64 MB through 8 x 64 KB
    long maxAhead = 0;
    long read = 0;
    byte[] buffer = new byte[CHUNK];
    try (InputStream in = DataBufferUtils.subscriberInputStream(body(chunks), PREFETCH)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        read += n;
        maxAhead = Math.max(maxAhead, emitted.get() - read / CHUNK);
      }
    }
    assertThat(read).isEqualTo((long) chunks * CHUNK);
    assertThat(maxAhead)
        .as("chunks produced ahead of the reader")
        .isLessThanOrEqualTo(PREFETCH + 1);
    assertThat(made).hasSize(chunks).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  @Test
  void closingEarlyStopsTheBodyAndReleasesWhatWasPrefetched() throws Exception {
    try (InputStream in = DataBufferUtils.subscriberInputStream(body(1000), PREFETCH)) {
      in.readNBytes(ImageType.HEAD_BYTES); // the magic-bytes check, then a refusal
    }
    assertThat(emitted.get()).isLessThanOrEqualTo(PREFETCH + 1);
    assertThat(made).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }
}
