package io.biotrack.operator.launch.aci;

import io.biotrack.config.EnvironmentReader;
import java.net.URI;

/**
 * How the ACI launcher reaches Azure Resource Manager ({@code DefaultAzureCredential} signs in).
 *
 * @param tenantId {@code BIOTRACK_ACI_TENANT_ID}; null for {@code AZURE_TENANT_ID}
 * @param endpoint {@code BIOTRACK_ACI_ARM_ENDPOINT}; null for the Azure public cloud (sovereign
 *     clouds, tests)
 */
public record ArmSettings(String tenantId, URI endpoint) {
  public static final String TENANT_ID = "BIOTRACK_ACI_TENANT_ID";
  public static final String ENDPOINT = "BIOTRACK_ACI_ARM_ENDPOINT";

  public static ArmSettings from(EnvironmentReader env) {
    return new ArmSettings(env.string(TENANT_ID), env.httpUrl(ENDPOINT));
  }
}
