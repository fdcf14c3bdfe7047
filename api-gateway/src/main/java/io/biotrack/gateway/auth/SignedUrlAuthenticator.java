package io.biotrack.gateway.auth;

import io.biotrack.adapter.local.LocalUrlSigner;
import io.biotrack.adapter.local.SignatureCheck;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobPermission;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Embedded mode's signed gateway URLs ({@link LocalUrlSigner}): a PUT of one upload or a GET of one
 * job's results, allowed without an API key when the signature matches that very blob and has not
 * expired. The signature proves the job id, not the tenant, so the job's owner is looked up by id
 * across tenants ({@link JobStore#findById}); the request then acts as that tenant.
 */
public final class SignedUrlAuthenticator {
  private static final PathPattern UPLOAD =
      PathPatternParser.defaultInstance.parse("/api/v1/jobs/{id}/files/{*name}");
  private static final PathPattern RESULTS =
      PathPatternParser.defaultInstance.parse("/api/v1/jobs/{id}/results");

  private record Target(String jobId, BlobContainer container, String blob, BlobPermission perm) {}

  private final LocalUrlSigner signer;
  private final JobStore jobStore;

  /**
   * @param signer null where URLs are Azure SAS (they never reach the gateway)
   */
  public SignedUrlAuthenticator(LocalUrlSigner signer, JobStore jobStore) {
    this.signer = signer;
    this.jobStore = jobStore;
  }

  public static boolean isSigned(ServerHttpRequest request) {
    return request.getQueryParams().containsKey(LocalUrlSigner.SIGNATURE);
  }

  public Mono<Caller> authenticate(ServerHttpRequest request) {
    if (signer == null) {
      return Mono.error(
          new UnauthenticatedException("this gateway does not accept signed URLs; use an API key"));
    }
    Target target = target(request);
    if (target == null) {
      return Mono.error(
          new UnauthenticatedException(
              "a signed URL is valid only for the upload or download it was issued for"));
    }
    Map<String, String> query = request.getQueryParams().toSingleValueMap();
    SignatureCheck check = signer.verify(target.container, target.blob, target.perm, query);
    if (!check.valid()) {
      return Mono.error(
          new UnauthenticatedException("the signed URL is not valid: " + check.reason()));
    }
    return Mono.fromCallable(() -> owner(target.jobId))
        .subscribeOn(Schedulers.boundedElastic())
        .map(tenant -> new Caller(tenant, Caller.Via.SIGNED_URL));
  }

  private String owner(String jobId) {
    return jobStore
        .findById(jobId)
        .map(Job::tenant)
        .orElseThrow(() -> new JobNotFoundException("(signed)", jobId));
  }

  private static Target target(ServerHttpRequest request) {
    PathContainer path = request.getPath().pathWithinApplication();
    if (HttpMethod.PUT.equals(request.getMethod())) {
      PathPattern.PathMatchInfo match = UPLOAD.matchAndExtract(path);
      if (match != null && JobIds.isValid(match.getUriVariables().get("id"))) {
        String id = match.getUriVariables().get("id");
        String file = stripLeadingSlash(match.getUriVariables().get("name"));
        return new Target(id, BlobContainer.UPLOADS, id + "/" + file, BlobPermission.UPLOAD);
      }
    } else if (HttpMethod.GET.equals(request.getMethod())) {
      PathPattern.PathMatchInfo match = RESULTS.matchAndExtract(path);
      if (match != null && JobIds.isValid(match.getUriVariables().get("id"))) {
        String id = match.getUriVariables().get("id");
        return new Target(
            id, BlobContainer.RESULTS, BlobNames.results(id), BlobPermission.DOWNLOAD);
      }
    }
    return null;
  }

  /** {@code {*name}} captures the rest of the path with its leading slash. */
  public static String stripLeadingSlash(String captured) {
    return captured != null && captured.startsWith("/") ? captured.substring(1) : captured;
  }
}
