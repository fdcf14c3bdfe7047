package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values become the BIOTRACK_* settings the gateway, the operator and (through it) workers read.
 */
class SettingsIT {

  @Test
  void storageEndpointsFollowTheAccountUnlessGiven() {
    JsonNode derived =
        Helm.render("--set", "storage.accountName=biotrackdata")
            .get("ConfigMap", "biotrack-storage")
            .path("data");
    JsonNode explicit =
        Helm.render(
                "--set",
                "storage.accountName=biotrackdata,storage.tableEndpoint=https://tables.example.org")
            .get("ConfigMap", "biotrack-storage")
            .path("data");

    assertThat(derived.path("BIOTRACK_AZURE_BLOB_ENDPOINT").asText())
        .isEqualTo("https://biotrackdata.blob.core.windows.net");
    assertThat(derived.path("BIOTRACK_AZURE_QUEUE_ENDPOINT").asText())
        .isEqualTo("https://biotrackdata.queue.core.windows.net");
    assertThat(derived.path("BIOTRACK_AZURE_TABLE_ENDPOINT").asText())
        .isEqualTo("https://biotrackdata.table.core.windows.net");
    assertThat(explicit.path("BIOTRACK_AZURE_TABLE_ENDPOINT").asText())
        .isEqualTo("https://tables.example.org");
    assertThat(derived.path("BIOTRACK_TABLE").asText()).isEqualTo("biotrackjobs");
    assertThat(derived.path("BIOTRACK_UPLOADS_CONTAINER").asText()).isEqualTo("uploads");
    assertThat(derived.path("BIOTRACK_RESULTS_CONTAINER").asText()).isEqualTo("results");
    assertThat(derived.path("BIOTRACK_QUEUE").asText()).isEqualTo("biotrack-jobs");
    assertThat(derived.path("BIOTRACK_MAX_DEQUEUE").asText()).isEqualTo("5");
  }

  @Test
  void bothProcessesReadTheStorageSettings() {
    Rendered rendered = Helm.render();

    for (JsonNode template : rendered.podTemplates()) {
      JsonNode container = template.at("/spec/containers/0");
      assertThat(container.at("/envFrom/0/configMapRef/name").asText())
          .isEqualTo("biotrack-storage");
      assertThat(container.at("/env/0/name").asText()).isEqualTo("BIOTRACK_STORAGE");
      assertThat(container.at("/env/0/value").asText()).isEqualTo("azure");
    }
  }

  @Test
  void logFormatReachesTheGatewayAndTheOperatorWhichHandsItToItsWorkers() {
    Rendered text = Helm.render();
    Rendered json = Helm.render("--set", "logFormat=json");

    for (String configMap : List.of("biotrack-gateway", "biotrack-operator")) {
      assertThat(text.get("ConfigMap", configMap).path("data").path("BIOTRACK_LOG_FORMAT").asText())
          .as(configMap)
          .isEqualTo("text");
      assertThat(json.get("ConfigMap", configMap).path("data").path("BIOTRACK_LOG_FORMAT").asText())
          .as(configMap)
          .isEqualTo("json");
    }
  }

  @Test
  void aciLauncherSettings() {
    JsonNode data =
        Helm.render(
                "--set",
                "aci.subscriptionId=00000000-0000-0000-0000-000000000001,aci.resourceGroup=biotrack-workers,"
                    + "aci.region=westeurope,image.registry=myregistry.azurecr.io,image.tag=1.2.3,"
                    + "aci.maxCreationsPerHour=120,"
                    + "aci.pullIdentityId=/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull")
            .get("ConfigMap", "biotrack-operator")
            .path("data");

    assertThat(data.path("BIOTRACK_OPERATOR_LAUNCHER").asText()).isEqualTo("aci");
    assertThat(data.path("BIOTRACK_ACI_SUBSCRIPTION_ID").asText())
        .isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(data.path("BIOTRACK_ACI_RESOURCE_GROUP").asText()).isEqualTo("biotrack-workers");
    assertThat(data.path("BIOTRACK_ACI_REGION").asText()).isEqualTo("westeurope");
    // The identity only pulls the image: no client id for workers, who hold no identity.
    assertThat(data.path("BIOTRACK_ACI_IDENTITY_ID").asText())
        .endsWith("/userAssignedIdentities/pull");
    assertThat(data.has("BIOTRACK_ACI_IDENTITY_CLIENT_ID")).isFalse();
    assertThat(data.path("BIOTRACK_ACI_REGISTRY").asText()).isEqualTo("myregistry.azurecr.io");
    assertThat(data.path("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR").asText()).isEqualTo("120");
    assertThat(data.path("BIOTRACK_ACI_POLL_SECONDS").asText()).isEqualTo("10");
    assertThat(data.path("BIOTRACK_OPERATOR_RECORD_POLL_SECONDS").asText()).isEqualTo("5");
    assertThat(data.path("BIOTRACK_WORKER_IMAGE").asText())
        .isEqualTo("myregistry.azurecr.io/biotrack-worker:1.2.3");
    assertThat(data.path("BIOTRACK_OPERATOR_MAX_CONCURRENT_WORKLOADS").asText()).isEqualTo("10");
    assertThat(data.path("BIOTRACK_OPERATOR_LEASE_NAME").asText()).isEqualTo("biotrack-operator");
    assertThat(data.path("BIOTRACK_MODEL_SHARE").asText()).isEqualTo("modelcache");
    assertThat(data.path("BIOTRACK_MODEL_NAME").asText()).isEqualTo("md_v5a.0.0.torchscript");
    assertThat(data.has("BIOTRACK_POD_NODE_SELECTOR")).isFalse();
  }

  @Test
  void kubernetesLauncherOnAGpuPool() {
    JsonNode cpu =
        Helm.render("--set", "operator.launcher=kubernetes,kubernetes.nodeSelector.pool=workers")
            .get("ConfigMap", "biotrack-operator")
            .path("data");
    JsonNode gpu =
        Helm.render(
                "--set",
                "operator.launcher=kubernetes,kubernetes.gpu.enabled=true,kubernetes.gpu.count=2")
            .get("ConfigMap", "biotrack-operator")
            .path("data");

    assertThat(cpu.path("BIOTRACK_WORKER_GPU").asText()).isEqualTo("0");
    assertThat(cpu.path("BIOTRACK_POD_NODE_SELECTOR").asText()).isEqualTo("pool=workers");
    assertThat(gpu.path("BIOTRACK_WORKER_GPU").asText()).isEqualTo("2");
    assertThat(gpu.path("BIOTRACK_POD_NODE_SELECTOR").asText()).isEqualTo("agentpool=gpu");
    assertThat(gpu.has("BIOTRACK_POD_SERVICE_ACCOUNT")).isFalse(); // workers hold no identity
    assertThat(gpu.path("BIOTRACK_WORKER_JOB_LABELS").asText()).isEmpty();
    assertThat(gpu.path("BIOTRACK_POD_MODEL_SHARE_SECRET").asText())
        .isEqualTo("biotrack-modelcache");
  }

  @Test
  void workerJobsCarryExtraLabelsForClusterTooling() {
    JsonNode data =
        Helm.render(
                "--set",
                "operator.launcher=virtual-node,kubernetes.jobLabels.kueue\\.x-k8s\\.io/queue-name=biotrack")
            .get("ConfigMap", "biotrack-operator")
            .path("data");

    assertThat(data.path("BIOTRACK_WORKER_JOB_LABELS").asText())
        .isEqualTo("kueue.x-k8s.io/queue-name=biotrack");
  }

  @Test
  void theOperatorKnowsItsPodAndNamespace() {
    JsonNode env =
        Helm.render()
            .get("Deployment", "biotrack-operator")
            .at("/spec/template/spec/containers/0/env");

    List<String> fieldRefs = new ArrayList<>();
    env.forEach(
        e -> {
          if (e.has("valueFrom") && e.at("/valueFrom/fieldRef").isObject())
            fieldRefs.add(
                e.path("name").asText() + "=" + e.at("/valueFrom/fieldRef/fieldPath").asText());
        });
    assertThat(fieldRefs)
        .containsExactly("POD_NAMESPACE=metadata.namespace", "POD_NAME=metadata.name");
  }

  @Test
  void imagesDefaultToTheChartsAppVersion() {
    Rendered rendered = Helm.render();

    assertThat(
            rendered
                .get("Deployment", "biotrack-gateway")
                .at("/spec/template/spec/containers/0/image")
                .asText())
        .isEqualTo("biotrack-api-gateway:0.1.0");
    assertThat(
            rendered
                .get("Deployment", "biotrack-operator")
                .at("/spec/template/spec/containers/0/image")
                .asText())
        .isEqualTo("biotrack-operator:0.1.0");
  }
}
