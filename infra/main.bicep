// Biotrack's Azure resources for the Helm chart, as docs/deploy-aks.md creates them by hand with
// az (sections 2, 3 and 5): registry, network and AKS cluster (OIDC issuer, workload identity,
// Azure CNI and network policy, optionally the virtual node), the data account (job table, upload
// and result containers, job queue and its poison queue), the model share's own account, the
// gateway's and operator's identities with their narrow roles and federated credentials, and
// for the aci launcher the workers' resource group and image-pull identity.
//
//   az deployment sub create -l westeurope -f infra/main.bicep -p infra/main.bicepparam
//
// Not here: the model file (upload it to the share, section 3), the Kubernetes Secrets (6) and
// the Helm release (7); the outputs are the values those steps need.
targetScope = 'subscription'

@description('Region of every resource.')
param location string

@description('Resource group of the cluster, storage and identities.')
param resourceGroupName string = 'biotrack'

@description('Resource group the operator creates ACI container groups in (aci launcher).')
param aciResourceGroupName string = 'biotrack-workers'

@description('Globally unique names: container registry (5-50 letters and digits), data and model storage accounts (3-24 lower-case letters and digits).')
param registryName string
param dataAccountName string
param modelsAccountName string

@description('AKS cluster name.')
param clusterName string = 'biotrack-aks'

@description('Kubernetes namespace of the Helm release: the federated credentials name its ServiceAccounts.')
param namespace string = 'biotrack'

@description('Helm release name: the chart names its ServiceAccounts {release}-gateway and {release}-operator (biotrack-gateway with release biotrack).')
param releaseName string = 'biotrack'

@description('System node pool size and VM size.')
param nodeCount int = 2
param nodeVmSize string = 'Standard_D2s_v5'

@description('Enable the AKS virtual node (virtual-node launcher): a subnet and the ACI connector add-on.')
param virtualNode bool = false

@description('Create the workers\' resource group and the operator\'s rights in it (aci launcher).')
param aciLauncher bool = true

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
}

resource aciGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = if (aciLauncher) {
  name: aciResourceGroupName
  location: location
}

module biotrack 'biotrack.bicep' = {
  name: 'biotrack'
  scope: group
  params: {
    location: location
    registryName: registryName
    dataAccountName: dataAccountName
    modelsAccountName: modelsAccountName
    clusterName: clusterName
    namespace: namespace
    releaseName: releaseName
    nodeCount: nodeCount
    nodeVmSize: nodeVmSize
    virtualNode: virtualNode
    aciLauncher: aciLauncher
  }
}

// aci launcher: the operator creates, reads, lists and deletes container groups there.
module aciAccess 'aci-access.bicep' = if (aciLauncher) {
  name: 'biotrack-aci-access'
  scope: aciGroup
  params: {
    operatorPrincipalId: biotrack.outputs.operatorPrincipalId
  }
}

output resourceGroup string = group.name
output aciResourceGroup string = aciLauncher ? aciGroup.name : ''
output registryLoginServer string = biotrack.outputs.registryLoginServer
output clusterName string = clusterName
output oidcIssuerUrl string = biotrack.outputs.oidcIssuerUrl
output dataAccountName string = dataAccountName
output modelsAccountName string = modelsAccountName
output tenantId string = tenant().tenantId
output subscriptionId string = subscription().subscriptionId
output gatewayClientId string = biotrack.outputs.gatewayClientId
output operatorClientId string = biotrack.outputs.operatorClientId
output pullIdentityId string = biotrack.outputs.pullIdentityId
