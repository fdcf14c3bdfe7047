package io.biotrack.operator.launch;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.embedded.launch.LocalLauncherSettings;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.model.ExpectedModelDigests;
import io.biotrack.operator.config.OperatorSettings;
import io.biotrack.operator.launch.aci.AciClients;
import io.biotrack.operator.launch.aci.AciLauncher;
import io.biotrack.operator.launch.aci.AciSettings;
import io.biotrack.operator.launch.credentials.JobScopedCredentials;
import io.biotrack.operator.launch.credentials.WorkerCredentials;
import io.biotrack.operator.launch.kube.ApiWorkloadLookup;
import io.biotrack.operator.launch.kube.WorkerJobInformers;
import io.biotrack.operator.launch.kube.WorkerJobLauncher;
import io.biotrack.operator.launch.kube.WorkerJobSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the launchers the configuration allows, noting why the others are missing. */
public final class LauncherAssembly {
  private LauncherAssembly() {}

  /**
   * @param storage the operator's own storage (account-wide rights): it signs the workers'
   *     credentials and writes their shards' file lists
   */
  public static Launchers launchers(
      OperatorSettings settings,
      StorageSettings storageSettings,
      StorageAdapters storage,
      KubernetesClient client,
      Clock clock) {
    LauncherSettings launch = settings.launchers();
    Launchers launchers = new Launchers();
    WorkerCredentials credentials = credentials(settings, storageSettings, storage, clock);
    launchers.with(localLauncher(settings, storageSettings, credentials));

    WorkerJobSettings jobs = launch.workerJobs();
    if (credentials == null || jobs == null) {
      String why =
          credentials == null
              ? "workers outside this machine need BIOTRACK_STORAGE=azure: each gets SAS URLs for"
                  + " its own shard, signed by the operator"
              : RemoteWorkerSettings.IMAGE + " is not set";
      launchers.without(WorkerJobLauncher.KUBERNETES, why);
      launchers.without(WorkerJobLauncher.VIRTUAL_NODE, why);
      launchers.without(AciLauncher.KIND, why);
      return launchers;
    }
    WorkerJobInformers informers = new WorkerJobInformers(new ApiWorkloadLookup(client));
    launchers
        .with(
            WorkerJobLauncher.KUBERNETES,
            owner -> WorkerJobLauncher.kubernetes(client, jobs, credentials, informers, owner))
        .with(
            WorkerJobLauncher.VIRTUAL_NODE,
            owner -> WorkerJobLauncher.virtualNode(client, jobs, credentials, informers, owner))
        .watchedBy(informers);

    AciSettings aci = launch.aci();
    if (aci == null) {
      launchers.without(AciLauncher.KIND, "set the BIOTRACK_ACI_* variables (docs/operator.md)");
    } else {
      launchers.with(
          new AciLauncher(
              AciClients.manager(
                  new DefaultAzureCredentialBuilder().build(),
                  aci.subscriptionId(),
                  launch.arm().tenantId(),
                  launch.arm().endpoint()),
              aci,
              credentials,
              clock));
    }
    return launchers;
  }

  /**
   * Job-scoped credentials for every worker on Azure storage (the operator's signer: a
   * user-delegation key in the cluster, the account key with a connection string); null on local
   * storage, where workers are child processes of this machine.
   */
  public static WorkerCredentials credentials(
      OperatorSettings settings,
      StorageSettings storageSettings,
      StorageAdapters storage,
      Clock clock) {
    if (storageSettings.kind() != StorageKind.AZURE) {
      return null;
    }
    return new JobScopedCredentials(
        storage.blobStore(),
        storage.urlSigner(),
        JobScopedCredentials.ttlFor(settings.jobDefaults().activeDeadline()),
        clock);
  }

  /**
   * Child processes: on local storage the operator's own settings (the same machine); on Azure
   * storage job-scoped credentials like every other worker, never the connection string.
   */
  private static WorkerLauncher localLauncher(
      OperatorSettings settings, StorageSettings storage, WorkerCredentials credentials) {
    Map<String, String> environment = new LinkedHashMap<>();
    if (credentials == null) {
      environment.putAll(storage.toEnvironment());
      String digests = settings.launchers().remote().environment().get(ExpectedModelDigests.ENV);
      if (digests != null) {
        environment.put(ExpectedModelDigests.ENV, digests);
      }
    } else {
      environment.putAll(settings.launchers().remote().environment());
    }
    LocalSettings own = settings.launchers().local();
    LocalLauncherSettings local =
        new LocalLauncherSettings(
            own.command(),
            environment,
            own.stateDir(),
            own.modelDir(),
            settings.jobDefaults().model());
    if (credentials == null) {
      return new LocalProcessLauncher(local);
    }
    LocalProcessLauncher processes = new LocalProcessLauncher(local, credentials::issue);
    // As every launcher with credentials: a deleted workload's file list goes with it.
    return new WorkerLauncher() {
      @Override
      public String kind() {
        return processes.kind();
      }

      @Override
      public WorkloadHandle launch(LaunchRequest request) {
        return processes.launch(request);
      }

      @Override
      public WorkloadStatus status(WorkloadHandle handle) {
        return processes.status(handle);
      }

      @Override
      public void delete(WorkloadHandle handle) {
        processes.delete(handle);
        credentials.revoke(handle.name());
      }
    };
  }
}
