package io.biotrack.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.files.InvalidFileNameException;
import io.biotrack.gateway.auth.CrossSiteRequestException;
import io.biotrack.gateway.auth.MisdirectedRequestException;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobStatus;
import io.biotrack.storage.BlobNameRefusedException;
import io.biotrack.storage.BlobTooLargeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

class ProblemMapperTest {
  final ProblemMapper mapper = new ProblemMapper();

  @Test
  void validationErrorsListTheirFields() {
    ProblemDetail p =
        mapper.toProblem(
            new InvalidRequestException(
                List.of(new FieldError("limit", "must be between 1 and 100"))),
            "/api/v1/jobs");
    assertThat(p.getStatus()).isEqualTo(400);
    assertThat(p.getType().toString()).isEqualTo("urn:biotrack:problem:validation");
    assertThat(p.getInstance().toString()).isEqualTo("/api/v1/jobs");
    assertThat(p.getProperties())
        .containsEntry("errors", List.of(new FieldError("limit", "must be between 1 and 100")));
  }

  @Test
  void domainErrorsGetTheirStatusAndDetails() {
    assertThat(mapper.toProblem(new JobNotFoundException("acme", "x"), "/").getStatus())
        .isEqualTo(404);
    assertThat(mapper.toProblem(new JobNotFoundException("acme", "x"), "/").getDetail())
        .as("never names the tenant")
        .doesNotContain("acme");
    ProblemDetail conflict =
        mapper.toProblem(new JobStateConflictException("j", JobStatus.QUEUED, "why"), "/");
    assertThat(conflict.getStatus()).isEqualTo(409);
    assertThat(conflict.getProperties()).containsEntry("state", "QUEUED");
    ProblemDetail tooLarge = mapper.toProblem(new BlobTooLargeException("a.jpg", 10), "/");
    assertThat(tooLarge.getStatus()).isEqualTo(413);
    assertThat(tooLarge.getProperties()).containsEntry("limit", 10L);
    assertThat(
            mapper
                .toProblem(new InvalidFileNameException("../a", "contains '..'"), "/")
                .getStatus())
        .isEqualTo(400);
  }

  @Test
  void springErrorsKeepTheirStatusAndUnknownErrorsHideTheirText() {
    assertThat(mapper.toProblem(new MethodNotAllowedException("PATCH", List.of()), "/").getStatus())
        .isEqualTo(405);
    assertThat(mapper.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND), "/").getStatus())
        .isEqualTo(404);
    ProblemDetail internal =
        mapper.toProblem(new IllegalStateException("db password is hunter2"), "/");
    assertThat(internal.getStatus()).isEqualTo(500);
    assertThat(internal.getDetail()).doesNotContain("hunter2");
  }

  @Test
  void oddPathsStillMakeAnInstance() {
    assertThat(mapper.toProblem(new RuntimeException(), "/a b/{x}").getInstance().toString())
        .isEqualTo("/");
  }

  @Test
  void aNameTheStorageCannotHoldIsAClientErrorThatNamesNoBlob() {
    ProblemDetail conflict =
        mapper.toProblem(
            new BlobNameRefusedException(
                "zyb0123456789/f.jpg/inner.jpg",
                BlobNameRefusedException.Reason.FOLDER_CONFLICT,
                "its folder zyb0123456789/f.jpg is a blob"),
            "/api/v1/jobs/zyb0123456789/files/f.jpg/inner.jpg");
    assertThat(conflict.getStatus()).isEqualTo(409);
    assertThat(conflict.getType().toString()).isEqualTo("urn:biotrack:problem:file-name-conflict");
    assertThat(conflict.getDetail()).contains("rename one of them").doesNotContain("blob");
    ProblemDetail tooLong =
        mapper.toProblem(
            new BlobNameRefusedException(
                "j/x.jpg", BlobNameRefusedException.Reason.TOO_LONG, "the path is too long"),
            "/");
    assertThat(tooLong.getStatus()).isEqualTo(400);
    assertThat(tooLong.getType().toString()).isEqualTo("urn:biotrack:problem:invalid-file-name");
  }

  @Test
  void aForeignHostIs421AndACrossSiteWriteIs403() {
    ProblemDetail host = mapper.toProblem(new MisdirectedRequestException("use 127.0.0.1"), "/");
    assertThat(host.getStatus()).isEqualTo(421);
    assertThat(host.getTitle()).isEqualTo("Misdirected request");
    assertThat(host.getType().toString()).isEqualTo("urn:biotrack:problem:misdirected-request");
    ProblemDetail origin = mapper.toProblem(new CrossSiteRequestException("no"), "/");
    assertThat(origin.getStatus()).isEqualTo(403);
    assertThat(origin.getType().toString()).isEqualTo("urn:biotrack:problem:cross-site-request");
  }
}
