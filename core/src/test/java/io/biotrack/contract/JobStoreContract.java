package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobAlreadyExistsException;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.job.ShardCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} adapter must do. Subclasses say which adapter in their name ({@code
 * AzureJobStoreContractIT}, {@code LocalJobStoreContractIT}) and return a store from {@link
 * #store()}; each test works in its own tenant, so one store may serve the whole class.
 */
public abstract class JobStoreContract {
  private static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456Z");

  protected final String tenant = "tenant-" + UUID.randomUUID();
  private final Clock clock = Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC);
  private long nextMillis = T0.toEpochMilli();

  protected abstract JobStore store();

  /** Ids a second apart, each newer than the last. */
  protected String newId() {
    nextMillis += 1000;
    return new JobIds(
            Clock.fixed(Instant.ofEpochMilli(nextMillis), ZoneOffset.UTC),
            new java.security.SecureRandom())
        .next();
  }

  protected Job newJob() {
    return Job.newPending(newId(), tenant, "survey", 12, new JobOptions(0.2), T0);
  }

  @Test
  void createdJobsReadBackUnchangedWithAVersion() {
    Job job = newJob();
    Job created = store().create(job);
    assertThat(created.version()).isNotBlank();
    Job found = store().get(tenant, job.id());
    assertThat(found).isEqualTo(created);
    assertThat(found.withVersion(null)).isEqualTo(job);
    assertThat(found.options().confidenceThreshold()).isEqualTo(0.2);
  }

  @Test
  void everyFieldSurvivesARoundTrip() {
    Job created = store().create(newJob());
    Instant later = T0.plus(5, ChronoUnit.MINUTES).plusNanos(987_000);
    Job full =
        new Job(
            created.id(),
            tenant,
            "camera \"trap\" été",
            JobStatus.QUEUED,
            new JobCounts(100, 40, 2, 12_345_678_901L, 37),
            3,
            created.createdAt(),
            later,
            later.minusSeconds(10),
            null,
            "a message\nwith lines",
            new JobOptions(0.0).withPreviousJob(created.id()),
            "m0123456789",
            new ShardCounts(9, 2, 3, 1, new Inference("cuda:1", 16)),
            created.version());
    Job stored = store().compareAndSet(created, full);
    assertThat(store().get(tenant, created.id())).isEqualTo(stored);
    assertThat(stored.withVersion(null)).isEqualTo(full.withVersion(null));
  }

  @Test
  void aJobIdCanBeCreatedOnlyOnce() {
    Job job = store().create(newJob());
    assertThatThrownBy(() -> store().create(job.withVersion(null)))
        .isInstanceOf(JobAlreadyExistsException.class);
  }

  @Test
  void otherTenantsDoNotSeeTheJob() {
    Job job = store().create(newJob());
    assertThat(store().find("someone-else-" + UUID.randomUUID(), job.id())).isEmpty();
    assertThat(store().find(tenant, newId())).isEmpty();
    assertThatThrownBy(() -> store().get("other", job.id()))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void compareAndSetWithAStaleVersionLoses() {
    Job created = store().create(newJob());
    Job queued = store().compareAndSet(created, created.moveTo(JobStatus.QUEUED, null, T0));
    assertThat(queued.version()).isNotEqualTo(created.version());
    assertThatThrownBy(
            () -> store().compareAndSet(created, created.moveTo(JobStatus.CANCELLED, null, T0)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store().get(tenant, created.id()).status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void twoThreadsRacingTheSameTransitionHaveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 5; round++) {
      Job created = store().create(newJob());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Callable<Job> racer =
            () -> {
              start.await();
              return store().compareAndSet(created, created.moveTo(JobStatus.QUEUED, null, T0));
            };
        Future<Job> a = pool.submit(racer);
        Future<Job> b = pool.submit(racer);
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Job> f : List.of(a, b)) {
          try {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
          } catch (java.util.concurrent.ExecutionException e) {
            outcomes.add(e.getCause());
          }
        }
        assertThat(outcomes).filteredOn(Job.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConcurrentUpdateException.class::isInstance).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void transitionRacesHaveOneWinnerAndTheLoserSeesTheNewState() throws Exception {
    Job created = store().create(newJob());
    store()
        .transition(
            tenant,
            created.id(),
            JobStatus.PENDING,
            JobStatus.QUEUED,
            null,
            clock,
            UnaryOperator.identity());
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Job>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return store()
                      .transition(
                          tenant,
                          created.id(),
                          JobStatus.QUEUED,
                          JobStatus.LAUNCHING,
                          null,
                          clock,
                          job -> job.withAttempt(1));
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Job> f : futures) {
        try {
          f.get(30, TimeUnit.SECONDS);
          winners++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause())
              .isInstanceOfAny(ConcurrentUpdateException.class, IllegalTransitionException.class);
        }
      }
      assertThat(winners).isEqualTo(1);
      Job now = store().get(tenant, created.id());
      assertThat(now.status()).isEqualTo(JobStatus.LAUNCHING);
      assertThat(now.attempt()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTerminalStateIsFinal() {
    Job created = store().create(newJob());
    Job cancelled =
        store().compareAndSet(created, created.moveTo(JobStatus.CANCELLED, "by user", T0));
    for (JobStatus next : JobStatus.values()) {
      Job attempt =
          new Job(
              cancelled.id(),
              tenant,
              cancelled.name(),
              next,
              cancelled.counts(),
              cancelled.attempt(),
              cancelled.createdAt(),
              T0,
              null,
              null,
              null,
              cancelled.options(),
              null,
              null,
              cancelled.version());
      if (next == JobStatus.CANCELLED) {
        continue; // same state: not a transition
      }
      assertThatThrownBy(() -> store().compareAndSet(cancelled, attempt))
          .isInstanceOf(IllegalTransitionException.class);
    }
    assertThatThrownBy(
            () ->
                store()
                    .transition(
                        tenant,
                        created.id(),
                        JobStatus.CANCELLED,
                        JobStatus.QUEUED,
                        null,
                        clock,
                        UnaryOperator.identity()))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(store().get(tenant, created.id()).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void transitionRefusesAJobNotInTheExpectedState() {
    Job created = store().create(newJob());
    assertThatThrownBy(
            () ->
                store()
                    .transition(
                        tenant,
                        created.id(),
                        JobStatus.QUEUED,
                        JobStatus.LAUNCHING,
                        null,
                        clock,
                        UnaryOperator.identity()))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> assertThat(e.from()).isEqualTo(JobStatus.PENDING));
  }

  @Test
  void progressIsWrittenOnlyWhileProcessing() {
    Job created = store().create(newJob());
    String id = created.id();
    UnaryOperator<Job> same = UnaryOperator.identity();
    store().transition(tenant, id, JobStatus.PENDING, JobStatus.QUEUED, null, clock, same);
    store().transition(tenant, id, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock, same);
    store().transition(tenant, id, JobStatus.LAUNCHING, JobStatus.PROCESSING, null, clock, same);

    Job progressed = store().updateProgress(tenant, id, new JobCounts(12, 5, 1, 9), clock);
    assertThat(progressed.counts()).isEqualTo(new JobCounts(12, 5, 1, 9));
    assertThat(store().get(tenant, id).counts()).isEqualTo(new JobCounts(12, 5, 1, 9));

    store().transition(tenant, id, JobStatus.PROCESSING, JobStatus.CANCELLED, null, clock, same);
    Job after = store().updateProgress(tenant, id, new JobCounts(12, 8, 1, 20), clock);
    assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(store().get(tenant, id).counts()).isEqualTo(new JobCounts(12, 5, 1, 9));
  }

  @Test
  void listsNewestFirstInPagesWithACursor() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(store().create(newJob()).id());
    }
    List<String> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JobPage page = store().list(tenant, new JobQuery(null, 3, cursor));
      assertThat(page.jobs()).hasSizeLessThanOrEqualTo(3);
      page.jobs().forEach(job -> seen.add(job.id()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void anExactlyFullLastPageHasNoCursor() {
    for (int i = 0; i < 4; i++) {
      store().create(newJob());
    }
    JobPage first = store().list(tenant, JobQuery.firstPage(2));
    JobPage second = store().list(tenant, new JobQuery(null, 2, first.nextCursor()));
    assertThat(second.jobs()).hasSize(2);
    assertThat(second.nextCursor()).isNull();
    assertThat(store().list("nobody-" + UUID.randomUUID(), JobQuery.firstPage(5)).jobs()).isEmpty();
  }

  @Test
  void filtersByStatusAcrossPages() {
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Job job = store().create(newJob());
      if (i % 2 == 0) {
        queued.add(store().compareAndSet(job, job.moveTo(JobStatus.QUEUED, null, T0)).id());
      }
    }
    java.util.Collections.reverse(queued);
    JobPage first = store().list(tenant, new JobQuery(JobStatus.QUEUED, 2, null));
    assertThat(first.jobs()).extracting(Job::status).containsOnly(JobStatus.QUEUED);
    JobPage second = store().list(tenant, new JobQuery(JobStatus.QUEUED, 2, first.nextCursor()));
    List<String> seen = new ArrayList<>();
    first.jobs().forEach(j -> seen.add(j.id()));
    second.jobs().forEach(j -> seen.add(j.id()));
    assertThat(seen).containsExactlyElementsOf(queued);
    assertThat(second.nextCursor()).isNull();
    assertThat(store().list(tenant, new JobQuery(JobStatus.COMPLETED, 5, null)).jobs()).isEmpty();
  }

  @Test
  void aForeignCursorIsRefused() {
    assertThatThrownBy(() -> store().list(tenant, new JobQuery(null, 5, "' or PartitionKey ne '")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tenantsWithQuotesAreKeptApart() {
    String odd = tenant + "'o\"dd";
    Job job = Job.newPending(newId(), odd, "x", 1, JobOptions.DEFAULTS, T0);
    store().create(job);
    assertThat(store().list(odd, JobQuery.firstPage(5)).jobs())
        .extracting(Job::id)
        .containsExactly(job.id());
    assertThat(store().list(tenant, JobQuery.firstPage(5)).jobs()).isEmpty();
  }

  @Test
  void findByIdFindsAJobWhicheverTenantOwnsIt() {
    Job mine = store().create(newJob());
    String other = tenant + "-other'";
    Job theirs = store().create(Job.newPending(newId(), other, "x", 1, JobOptions.DEFAULTS, T0));

    assertThat(store().findById(mine.id())).contains(store().get(tenant, mine.id()));
    assertThat(store().findById(theirs.id())).map(Job::tenant).contains(other);
    assertThat(store().findById(newId())).isEmpty();
    assertThat(store().findById("' or RowKey ne '")).isEmpty();
    assertThat(store().findById(null)).isEmpty();
  }

  @Test
  void listByStatusPagesThroughTheJobsOfEveryTenantInOneState() {
    // The store may hold other tests' jobs: only these tenants' jobs are compared.
    List<String> tenants = List.of(tenant + "-a", tenant + "-b'q", tenant + "-c");
    List<Job> expected = new ArrayList<>();
    Job updatedLater = null;
    for (String owner : tenants) {
      for (int i = 0; i < 3; i++) {
        Job job = store().create(Job.newPending(newId(), owner, "x", 1, JobOptions.DEFAULTS, T0));
        if (i == 0) {
          continue; // stays PENDING
        }
        Instant at = i == 2 && owner.endsWith("-c") ? T0.plus(1, ChronoUnit.HOURS) : T0;
        Job queued = store().compareAndSet(job, job.moveTo(JobStatus.QUEUED, null, at));
        if (at.equals(T0)) {
          expected.add(queued);
        } else {
          updatedLater = queued;
        }
      }
    }
    expected.sort(java.util.Comparator.comparing(Job::tenant).thenComparing(Job::id));

    List<Job> seen = scanAll(JobStatus.QUEUED, T0.plus(1, ChronoUnit.MINUTES), 2);
    assertThat(seen).extracting(Job::id).doesNotHaveDuplicates();
    assertThat(seen).extracting(Job::status).containsOnly(JobStatus.QUEUED);
    assertThat(seen)
        .filteredOn(job -> tenants.contains(job.tenant()))
        .containsExactlyElementsOf(expected);

    List<Job> anyTime = scanAll(JobStatus.QUEUED, null, JobStore.MAX_SCAN_LIMIT);
    assertThat(anyTime)
        .filteredOn(job -> tenants.contains(job.tenant()))
        .hasSize(6)
        .contains(updatedLater);
    assertThat(scanAll(JobStatus.PENDING, null, 3))
        .filteredOn(job -> tenants.contains(job.tenant()))
        .hasSize(3);
  }

  @Test
  void listByStatusRefusesForeignCursorsAndBadLimits() {
    assertThatThrownBy(() -> store().listByStatus(JobStatus.QUEUED, null, 5, "' or status ne '"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().listByStatus(JobStatus.QUEUED, null, 5, tenant + "/not-an-id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().listByStatus(JobStatus.QUEUED, null, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store().listByStatus(JobStatus.QUEUED, null, JobStore.MAX_SCAN_LIMIT + 1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Job> scanAll(JobStatus status, Instant updatedBefore, int limit) {
    List<Job> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JobPage page = store().listByStatus(status, updatedBefore, limit, cursor);
      assertThat(page.jobs()).hasSizeLessThanOrEqualTo(limit);
      all.addAll(page.jobs());
      cursor = page.nextCursor();
    } while (cursor != null && ++pages < 10_000);
    return all;
  }

  @Test
  void deleteRemovesTheRecordOnce() {
    Job job = store().create(newJob());
    assertThat(store().delete(tenant, job.id())).isTrue();
    assertThat(store().find(tenant, job.id())).isEmpty();
    assertThat(store().delete(tenant, job.id())).isFalse();
    assertThatThrownBy(() -> store().compareAndSet(job, job.moveTo(JobStatus.QUEUED, null, T0)))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void badIdsAndTenantsAreRefused() {
    assertThatThrownBy(
            () ->
                store().create(Job.newPending("../../x", tenant, "x", 1, JobOptions.DEFAULTS, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store().create(Job.newPending(newId(), "a/b", "x", 1, JobOptions.DEFAULTS, T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
