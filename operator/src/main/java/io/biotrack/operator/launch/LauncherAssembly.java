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
    Launchers launchers = new Launchers();
    WorkerCredentials credentials = credentials(settings, storageSettings, storage, clock);
    launchers.with(localLauncher(settings, storageSettings, credentials));

    if (credentials == null || settings.workerImage() == null) {
      String why =
          credentials == null
              ? "workers outside this machine need BIOTRACK_STORAGE=azure: each gets SAS URLs for"
                  + " its own shard, signed by the operator"
              : OperatorSettings.WORKER_IMAGE + " is not set";
      launchers.without(WorkerJobLauncher.KUBERNETES, why);
      launchers.without(WorkerJobLauncher.VIRTUAL_NODE, why);
      launchers.without(AciLauncher.KIND, why);
      return launchers;
    }
    Map<String, String> remote = new LinkedHashMap<>(remoteWorkerEnvironment());
    remote.putAll(modelDigestsEnvironment(settings));
    WorkerJobSettings jobs =
        new WorkerJobSettings(
            settings.workerImage(),
            settings.workerCommand(),
            remote,
            settings.modelShare(),
            settings.podModelShareSecret(),
            settings.modelMountPath(),
            settings.podNodeSelector(),
            settings.workerJobLabels());
    WorkerJobInformers informers = new WorkerJobInformers(new ApiWorkloadLookup(client));
    launchers
        .with(
            WorkerJobLauncher.KUBERNETES,
            owner -> WorkerJobLauncher.kubernetes(client, jobs, credentials, informers, owner))
        .with(
            WorkerJobLauncher.VIRTUAL_NODE,
            owner -> WorkerJobLauncher.virtualNode(client, jobs, credentials, informers, owner))
        .watchedBy(informers);

    OperatorSettings.Aci aci = settings.aci();
    if (aci == null) {
      launchers.without(AciLauncher.KIND, "set the BIOTRACK_ACI_* variables (docs/operator.md)");
    } else {
      AciSettings aciSettings =
          new AciSettings(
              aci.subscriptionId(),
              aci.resourceGroup(),
              aci.region(),
              settings.workerImage(),
              settings.workerCommand(),
              aci.registry(),
              aci.identityId(),
              settings.modelShare(),
              aci.modelShareAccount(),
              aci.modelShareKey(),
              settings.modelMountPath(),
              remote,
              aci.maxCreationsPerHour(),
              aci.pollInterval());
      launchers.with(
          new AciLauncher(
              AciClients.manager(
                  new DefaultAzureCredentialBuilder().build(),
                  aci.subscriptionId(),
                  aci.tenantId(),
                  aci.armEndpoint()),
              aciSettings,
              credentials,
              clock));
    }
    return launchers;
  }

  /**
   * Job-scoped credentials for every worker on Azure storage (the operator's signer: a
   * user-delegation key in the cluster, the account key with a connection string); null on
   * local storage, where workers are child processes of this machine.
   */
  public static WorkerCredentials credentials(
      OperatorSettings settings, StorageSettings storageSettings, StorageAdapters storage, Clock clock) {
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
   * What a remote worker gets besides its credentials: the storage kind. No endpoint, no name of
   * a table or queue: its SAS URLs are all it can reach.
   */
  public static Map<String, String> remoteWorkerEnvironment() {
    return Map.of(StorageSettings.STORAGE, "azure");
  }

  /** The deployment's expected model digests, for every worker to check its model against. */
  public static Map<String, String> modelDigestsEnvironment(OperatorSettings settings) {
    return settings.modelDigests().isEmpty()
        ? Map.of()
        : Map.of(ExpectedModelDigests.ENV, settings.modelDigests().format());
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
    } else {
      environment.putAll(remoteWorkerEnvironment());
    }
    environment.putAll(modelDigestsEnvironment(settings));
    LocalLauncherSettings local =
        new LocalLauncherSettings(
            settings.local().command(),
            environment,
            settings.local().stateDir(),
            settings.local().modelDir(),
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
