package io.biotrack.gateway.embedded;

import io.biotrack.embedded.dispatch.LocalDispatcher;
import io.biotrack.model.EmbeddedModel;
import java.nio.file.Path;

/**
 * What the embedded platform runs with, for the info endpoint and the start-up report.
 *
 * @param workerThreads inference threads per worker
 */
public record EmbeddedPlatform(
    EmbeddedModel model, LocalDispatcher dispatcher, int workerThreads, Path dataDir) {}
