package io.biotrack.gateway.results;

/** A COMPLETED job whose results file is missing (deleted behind the gateway's back). */
public class ResultsNotFoundException extends RuntimeException {
  public ResultsNotFoundException(String jobId) {
    super("job " + jobId + " is COMPLETED but its results file is missing");
  }
}
