package io.biotrack.gateway.api;

/** Example bodies for the OpenAPI document. */
final class ApiDocs {
  private ApiDocs() {}

  static final String JOBS_TAG = "jobs";

  static final String CREATE_REQUEST =
      """
      {"name": "Serra da Canastra, May",
       "files": [{"name": "cam1/IMG_0001.JPG", "size": 2483112, "contentType": "image/jpeg"},
                 {"name": "cam1/IMG_0002.JPG"}],
       "options": {"confidenceThreshold": 0.2}}\
      """;

  static final String CREATE_RESPONSE =
      """
      {"jobId": "7zzzzzzzzz0k3m6q2r9x4bd8ft", "status": "PENDING",
       "uploads": [{"name": "cam1/IMG_0001.JPG",
                    "url": "http://127.0.0.1:8080/api/v1/jobs/7zzzzzzzzz0k3m6q2r9x4bd8ft/files/cam1/IMG_0001.JPG?expires=1767225600&perm=upload&sig=Qm9…",
                    "method": "PUT", "headers": {}}],
       "expiresAt": "2026-01-01T00:00:00Z"}\
      """;

  static final String JOB =
      """
      {"jobId": "7zzzzzzzzz0k3m6q2r9x4bd8ft", "name": "Serra da Canastra, May",
       "status": "COMPLETED", "imageCount": 3, "processedCount": 3, "failedCount": 0,
       "detectionCount": 4, "attempt": 1,
       "createdAt": "2025-11-25T18:00:00Z", "updatedAt": "2025-11-25T18:03:10Z",
       "startedAt": "2025-11-25T18:01:00Z", "completedAt": "2025-11-25T18:03:10Z",
       "options": {"confidenceThreshold": 0.005},
       "results": {"url": "http://127.0.0.1:8080/api/v1/jobs/7zzzzzzzzz0k3m6q2r9x4bd8ft/results?expires=1764094990&perm=download&sig=k2…",
                   "expiresAt": "2025-11-25T18:23:10Z"}}\
      """;

  static final String VALIDATION_PROBLEM =
      """
      {"type": "urn:biotrack:problem:validation", "title": "Invalid request", "status": 400,
       "detail": "2 fields are invalid; see errors", "instance": "/api/v1/jobs",
       "errors": [{"field": "files[1].name", "detail": "file name '../x.jpg' contains '..'"},
                  {"field": "options.confidenceThreshold", "detail": "must be between 0 and 1"}]}\
      """;

  static final String CONFLICT_PROBLEM =
      """
      {"type": "urn:biotrack:problem:job-state-conflict", "title": "Job is in the wrong state",
       "status": 409, "detail": "job 7zzzzzzzzz0k3m6q2r9x4bd8ft is QUEUED; only a PENDING job can be started",
       "instance": "/api/v1/jobs/7zzzzzzzzz0k3m6q2r9x4bd8ft/start",
       "jobId": "7zzzzzzzzz0k3m6q2r9x4bd8ft", "state": "QUEUED"}\
      """;
}
