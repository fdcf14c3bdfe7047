package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import org.junit.jupiter.api.Test;

/** Values become the BIOTRACK_* settings the gateway, the operator and (through it) workers read. */
class SettingsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void storageEndpointsFollowTheAccountUnlessGiven() {
    JsonNode derived = Helm.render("--set", "storage.accountName=biotrackdata").get("ConfigMap", "biotrack-storage").path("data");
    JsonNode explicit =
        Helm.render("--set", "storage.accountName=biotrackdata,storage.tableEndpoint=https://tables.example.org")
            .get("ConfigMap", "biotrack-storage").path("data");

    assertThat(derived.path("BIOTRACK_AZURE_BLOB_ENDPOINT").asText()).isEqualTo("https://biotrackdata.blob.core.windows.net");
    assertThat(derived.path("BIOTRACK_AZURE_QUEUE_ENDPOINT").asText()).isEqualTo("https://biotrackdata.queue.core.windows.net");
    assertThat(derived.path("BIOTRACK_AZURE_TABLE_ENDPOINT").asText()).isEqualTo("https://biotrackdata.table.core.windows.net");
    assertThat(explicit.path("BIOTRACK_AZURE_TABLE_ENDPOINT").asText()).isEqualTo("https://tables.example.org");
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
      assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("biotrack-storage");
      assertThat(container.at("/env/0/name").asText()).isEqualTo("BIOTRACK_STORAGE");
      assertThat(container.at("/env/0/value").asText()).isEqualTo("azure");
    }
  }

  @Test
  void aciLauncherSettings() {
    JsonNode data =
        Helm.render(
                "--set",
                "aci.subscriptionId=00000000-0000-0000-0000-000000000001,aci.resourceGroup=biotrack-workers,"
                    + "aci.region=westeurope,image.registry=myregistry.azurecr.io,image.tag=1.2.3,"
                    + "aci.workerIdentityId=/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/worker")
            .get("ConfigMap", "biotrack-operator").path("data");

    assertThat(data.path("BIOTRACK_LAUNCHER").asText()).isEqualTo("aci");
    assertThat(data.path("BIOTRACK_ACI_RESOURCE_GROUP").asText()).isEqualTo("biotrack-workers");
    assertThat(data.path("BIOTRACK_ACI_REGION").asText()).isEqualTo("westeurope");
    assertThat(data.path("BIOTRACK_ACI_IDENTITY_ID").asText()).endsWith("/userAssignedIdentities/worker");
    assertThat(data.path("BIOTRACK_WORKER_IMAGE").asText()).isEqualTo("myregistry.azurecr.io/biotrack-worker:1.2.3");
    assertThat(data.path("BIOTRACK_MAX_CONCURRENT_WORKLOADS").asText()).isEqualTo("10");
    assertThat(data.path("BIOTRACK_MODEL_SHARE").asText()).isEqualTo("modelcache");
    assertThat(data.has("BIOTRACK_WORKER_NODE_SELECTOR")).isFalse();
  }

  @Test
  void kubernetesLauncherOnAGpuPool() throws Exception {
    JsonNode cpu = Helm.render("--set", "operator.launcher=kubernetes").get("ConfigMap", "biotrack-operator").path("data");
    JsonNode gpu =
        Helm.render("--set", "operator.launcher=kubernetes,kubernetes.gpu.enabled=true,kubernetes.gpu.count=2")
            .get("ConfigMap", "biotrack-operator").path("data");

    assertThat(cpu.path("BIOTRACK_WORKER_GPU").asText()).isEqualTo("0");
    assertThat(cpu.path("BIOTRACK_WORKER_NODE_SELECTOR").asText()).isEqualTo("{}");
    assertThat(gpu.path("BIOTRACK_WORKER_GPU").asText()).isEqualTo("2");
    assertThat(JSON.readTree(gpu.path("BIOTRACK_WORKER_NODE_SELECTOR").asText()).path("agentpool").asText()).isEqualTo("gpu");
    assertThat(JSON.readTree(gpu.path("BIOTRACK_WORKER_TOLERATIONS").asText()).get(0).path("key").asText()).isEqualTo("sku");
    assertThat(gpu.path("BIOTRACK_WORKER_SERVICE_ACCOUNT").asText()).isEqualTo("biotrack-worker");
  }

  @Test
  void imagesDefaultToTheChartsAppVersion() {
    Rendered rendered = Helm.render();

    assertThat(rendered.get("Deployment", "biotrack-gateway").at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("biotrack-api-gateway:0.1.0");
    assertThat(rendered.get("Deployment", "biotrack-operator").at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("biotrack-operator:0.1.0");
  }
}
