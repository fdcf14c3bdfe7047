package io.biotrack.results;

/**
 * The folder a photo is in, as the results name it: {@code site/cam1} for {@code
 * site/cam1/IMG_0001.JPG}, the empty string for a photo at the top. Camera-trap collections keep
 * one camera or site per folder, so this is what counts "per camera" group by.
 */
public final class PhotoFolders {
  private PhotoFolders() {}

  public static String of(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }
}
