package io.biotrack.operator.launch;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.embedded.launch.LocalLauncherSettings;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.operator.config.OperatorSettings;
import io.biotrack.operator.launch.aci.AciClients;
import io.biotrack.operator.launch.aci.AciLauncher;
import io.biotrack.operator.launch.aci.AciSettings;
import io.biotrack.operator.launch.pod.PodLauncher;
import io.biotrack.operator.launch.pod.PodSettings;
import io.biotrack.operator.launch.pod.WorkerCredentials;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Builds the launchers the configuration allows, noting why the others are missing. */
public final class LauncherAssembly {
  private LauncherAssembly() {}

  /**
   * @param credentials job-scoped credentials for virtual-node workers; null when storage cannot
   *     issue them (the virtual-node launcher is then unavailable)
   */
  public static Launchers launchers(
      OperatorSettings settings,
      StorageSettings storage,
      KubernetesClient client,
      WorkerCredentials credentials) {
    Launchers launchers = new Launchers();
    launchers.with(
        new LocalProcessLauncher(
            new LocalLauncherSettings(
                settings.local().command(),
                storage.toEnvironment(),
                settings.local().stateDir(),
                settings.local().modelDir(),
                settings.jobDefaults().model())));

    Map<String, String> remote = remoteWorkerEnvironment(storage);
    String noRemote =
        "workers outside this machine need BIOTRACK_STORAGE=azure with the BIOTRACK_AZURE_*_ENDPOINT"
            + " settings (a connection string is never handed to a worker)";
    if (remote == null || settings.workerImage() == null) {
      String why = remote == null ? noRemote : OperatorSettings.WORKER_IMAGE + " is not set";
      launchers.without(PodLauncher.KUBERNETES, why);
      launchers.without(PodLauncher.VIRTUAL_NODE, why);
      launchers.without(AciLauncher.KIND, why);
      return launchers;
    }
    PodSettings pods =
        new PodSettings(
            settings.workerImage(),
            settings.workerCommand(),
            remote,
            settings.modelShare(),
            settings.podModelShareSecret(),
            settings.modelMountPath(),
            settings.podNodeSelector(),
            settings.podServiceAccount());
    launchers.with(PodLauncher.KUBERNETES, owner -> PodLauncher.kubernetes(client, pods, owner));
    if (credentials != null) {
      launchers.with(
          PodLauncher.VIRTUAL_NODE,
          owner -> PodLauncher.virtualNode(client, pods, credentials, owner));
    } else {
      launchers.without(
          PodLauncher.VIRTUAL_NODE,
          "job-scoped credentials need " + OperatorSettings.SAS_CONNECTION_STRING
              + " (Tables sign row-scoped SAS tokens only with the account key)");
    }

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
              aci.identityId(),
              aci.identityClientId(),
              aci.registry(),
              settings.modelShare(),
              aci.modelShareAccount(),
              aci.modelShareKey(),
              settings.modelMountPath(),
              remote);
      launchers.with(
          new AciLauncher(
              AciClients.manager(
                  new DefaultAzureCredentialBuilder().build(),
                  aci.subscriptionId(),
                  aci.tenantId(),
                  aci.armEndpoint()),
              aciSettings));
    }
    return launchers;
  }

  /** Storage settings for workers elsewhere: endpoints and names only, never a key. */
  public static Map<String, String> remoteWorkerEnvironment(StorageSettings storage) {
    if (storage.kind() != StorageKind.AZURE || storage.azureConnectionString() != null) {
      return null;
    }
    return storage.toEnvironment();
  }
}
