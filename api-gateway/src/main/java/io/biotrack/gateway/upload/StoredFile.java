package io.biotrack.gateway.upload;

import io.biotrack.files.ImageType;

/** An uploaded file as stored: its name in the job, its size and the type its bytes showed. */
public record StoredFile(String name, long size, ImageType type) {}
