package io.biotrack.storage;

/** @param name the full blob name, e.g. {@code {jobId}/cam1/IMG_0001.JPG} */
public record BlobInfo(String name, long size) {}
