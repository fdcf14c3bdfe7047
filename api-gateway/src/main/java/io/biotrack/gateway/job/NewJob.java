package io.biotrack.gateway.job;

import io.biotrack.files.RegisteredFile;
import io.biotrack.job.JobOptions;
import java.util.List;

/** A validated request for a new job: its name, the files it will hold, its options. */
public record NewJob(String name, List<RegisteredFile> files, JobOptions options) {
  public NewJob {
    files = List.copyOf(files);
  }
}
