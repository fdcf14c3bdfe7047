package io.biotrack.worker.batch;

import io.biotrack.files.ImageFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A folder's images ({@link ImageFolder}, MegaDetector's rule) as batch items. */
public final class ImageScanner {
  private ImageScanner() {}

  public static List<String> scan(Path folder, boolean recursive) {
    return ImageFolder.scan(folder, recursive);
  }

  /**
   * The folder's images as batch items, each read (at most {@link ImageItem#MAX_BYTES}) when its
   * turn comes.
   */
  public static List<ImageItem> items(Path folder, boolean recursive) {
    List<ImageItem> items = new ArrayList<>();
    for (String file : scan(folder, recursive)) {
      Path path = folder.resolve(file);
      items.add(new ImageItem(file, () -> read(path)));
    }
    return items;
  }

  private static byte[] read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > ImageItem.MAX_BYTES) {
      throw new IOException(path + " is larger than " + ImageItem.MAX_BYTES + " bytes");
    }
    return Files.readAllBytes(path);
  }
}
