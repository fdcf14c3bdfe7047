package io.biotrack.gateway.upload;

import java.io.InputStream;

/**
 * One uploaded file opened for reading.
 *
 * @param mediaType from the file's first bytes; {@code application/octet-stream} if none matched
 * @param content the whole file; the caller closes it
 */
public record UploadedFile(String name, String mediaType, InputStream content) {}
