package io.biotrack.gateway.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.DetectionFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The exports write as they read: a 100,000-photo results file, made on the fly, has its first
 * megabyte of export out before a tenth of the file has been read (a writer that loaded the whole
 * file first would have read all of it).
 */
class StreamingExportTest {
  private static final int PHOTOS = 100_000;

  /** A results file of {@link #PHOTOS} entries, produced as it is read; counts the bytes read. */
  private static InputStream season(AtomicLong read) {
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          int next = -1;

          @Override
          public boolean hasMoreElements() {
            return next <= PHOTOS;
          }

          @Override
          public InputStream nextElement() {
            String text;
            if (next == -1) {
              text = "{\"info\":{\"format_version\":\"1.6\"},\"images\":[";
            } else if (next == PHOTOS) {
              text = "]}";
            } else {
              text =
                  (next > 0 ? "," : "")
                      + "{\"file\":\"cam"
                      + (next % 50)
                      + "/IMG_"
                      + next
                      + ".JPG\",\"detections\":"
                      + "[{\"category\":\"1\",\"conf\":0.9,\"bbox\":[0.1,0.1,0.2,0.2]}]}";
            }
            next++;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            read.addAndGet(bytes.length);
            return new ByteArrayInputStream(bytes);
          }
        };
    return new SequenceInputStream(parts);
  }

  /** Notes how much of the input had been read when the output passed 256 KB. */
  private static final class Watch extends OutputStream {
    final AtomicLong read;
    long written;
    long readAtFirstBytes = -1;

    Watch(AtomicLong read) {
      this.read = read;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      written += len;
      if (readAtFirstBytes < 0 && written >= 1 << 18) {
        readAtFirstBytes = read.get();
      }
    }
  }

  @Test
  void theFoldersZipWritesAsItReads() throws IOException {
    AtomicLong read = new AtomicLong();
    Watch out = new Watch(read);
    byte[] photo = new byte[200];
    FolderZip.write(
        season(read), out, DetectionFilter.atLeast(0.2), file -> new ByteArrayInputStream(photo));
    assertThat(out.readAtFirstBytes).isPositive().isLessThan(read.get() / 4);
  }

  @Test
  void theCsvExportsWriteAsTheyRead() throws IOException {
    AtomicLong read = new AtomicLong();
    Watch out = new Watch(read);
    ImagesCsv.write(season(read), out, DetectionFilter.atLeast(0.2));
    assertThat(out.readAtFirstBytes).isPositive().isLessThan(read.get() / 4);

    AtomicLong readAgain = new AtomicLong();
    Watch again = new Watch(readAgain);
    ResultsCsv.write(season(readAgain), again, DetectionFilter.atLeast(0.2));
    assertThat(again.readAtFirstBytes).isPositive().isLessThan(readAgain.get() / 4);
  }
}
