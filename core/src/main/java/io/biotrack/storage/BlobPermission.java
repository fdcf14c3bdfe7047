package io.biotrack.storage;

/** What a signed URL lets its bearer do with exactly one blob. Never list, never another blob. */
public enum BlobPermission {
  /** Create and write (an upload); no read. */
  UPLOAD,
  /** Read only. */
  DOWNLOAD
}
