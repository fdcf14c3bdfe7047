package io.biotrack.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The image entries of a MegaDetector results file, one at a time, as they come: whatever the
 * file's size, one entry is in memory. Exports, summaries and joins read results this way and never
 * as a whole {@link BatchResults}.
 *
 * <p>The {@code images} array may come before or after the other keys; keys after it are not read.
 */
public final class ImageEntries implements Iterator<ImageResult>, Closeable {
  private final JsonParser parser;
  private boolean inImages;
  private ImageResult next;
  private boolean done;

  private ImageEntries(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * @param json a results file; closed with this reader
   * @throws IOException if it does not begin as a JSON object
   */
  public static ImageEntries of(InputStream json) throws IOException {
    ImageEntries entries = new ImageEntries(ResultsJson.mapper().getFactory().createParser(json));
    try {
      entries.inImages = entries.moveToImages();
    } catch (IOException | RuntimeException e) {
      entries.close();
      throw e;
    }
    return entries;
  }

  /** Positions the parser on the {@code images} array's start; false if there is none. */
  private boolean moveToImages() throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("results are not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("images") && value == JsonToken.START_ARRAY) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }

  /**
   * @throws UncheckedIOException if the file breaks off or an entry is not an image entry
   */
  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done || !inImages) {
      return false;
    }
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        done = true;
        return false;
      }
      next = parser.readValueAs(ImageResult.class);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("results are not readable", e);
    }
  }

  @Override
  public ImageResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ImageResult entry = next;
    next = null;
    return entry;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
