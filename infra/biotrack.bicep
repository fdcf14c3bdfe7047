// The resources of Biotrack's resource group (see main.bicep). Names of the table, containers and
// queues are the chart's defaults (values.yaml storage.*); BicepIT checks they agree.
param location string
param registryName string
param dataAccountName string
param modelsAccountName string
param clusterName string
param namespace string
param releaseName string
param nodeCount int
param nodeVmSize string
param virtualNode bool
param aciLauncher bool

var table = 'biotrackjobs'
var uploadsContainer = 'uploads'
var resultsContainer = 'results'
var queue = 'biotrack-jobs'
var poisonQueue = '${queue}-poison'
var modelShare = 'modelcache'

// Built-in role definitions (their ids are the same in every tenant).
var roles = {
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  blobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  queueMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  queueMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830'
}

// ---- 2. Registry, network, cluster

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: 'biotrack-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: [ '10.224.0.0/12' ] }
    subnets: concat(
      [ { name: 'aks', properties: { addressPrefix: '10.224.0.0/16' } } ],
      virtualNode
        ? [
            {
              name: 'virtual-node'
              properties: {
                addressPrefix: '10.225.0.0/16'
                delegations: [
                  { name: 'aci', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } }
                ]
              }
            }
          ]
        : [])
  }
}

resource cluster 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: clusterName
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: clusterName
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: nodeCount
        vmSize: nodeVmSize
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vnetSubnetID: '${vnet.id}/subnets/aks'
      }
    ]
    // Azure CNI with network policy: the chart's NetworkPolicies take effect.
    networkProfile: {
      networkPlugin: 'azure'
      networkPolicy: 'azure'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
    // The gateway's and operator's Azure credentials come through federated ServiceAccount tokens.
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
    addonProfiles: virtualNode
      ? { aciConnectorLinux: { enabled: true, config: { SubnetName: 'virtual-node' } } }
      : {}
  }
}

// az aks create --attach-acr: the kubelet identity pulls the images.
resource kubeletPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, cluster.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: cluster.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

// ---- 3. Storage: no account key needed; every Biotrack process uses Microsoft Entra ID.

resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: dataAccountName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource uploads 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: uploadsContainer
  properties: { publicAccess: 'None' }
}

resource results 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: resultsContainer
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource jobTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: table
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource jobQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: queue
}

resource jobPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: poisonQueue
}

// The model share lives in an account of its own: ACI and virtual-node mounts of Azure Files
// need the account key, which then opens only the model.
resource models 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: modelsAccountName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: models
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: modelShare
  properties: { shareQuota: 5 }
}

// ---- 5. Identities and role assignments: each scoped to the single container, table or queue.
// Workers have no identity: the operator signs each shard's URLs with a user-delegation key.

resource gateway 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'biotrack-gateway'
  location: location
}

resource operator 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'biotrack-operator'
  location: location
}

// One federated credential at a time: Entra ID refuses concurrent writes to them.
resource gatewayFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: gateway
  name: 'aks-gateway'
  properties: {
    issuer: cluster.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${namespace}:${releaseName}-gateway'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource operatorFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: operator
  name: 'aks-operator'
  dependsOn: [ gatewayFederation ]
  properties: {
    issuer: cluster.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:${namespace}:${releaseName}-operator'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

// gateway: job records, uploads and results (and user-delegation SAS for them), enqueue.
resource gatewayTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobTable.id, gateway.id, roles.tableDataContributor)
  scope: jobTable
  properties: { principalId: gateway.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor) }
}
resource gatewayUploads 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(uploads.id, gateway.id, roles.blobDataContributor)
  scope: uploads
  properties: { principalId: gateway.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor) }
}
resource gatewayResults 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(results.id, gateway.id, roles.blobDataContributor)
  scope: results
  properties: { principalId: gateway.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor) }
}
resource gatewaySend 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobQueue.id, gateway.id, roles.queueMessageSender)
  scope: jobQueue
  properties: { principalId: gateway.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageSender) }
}
resource gatewayDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data.id, gateway.id, roles.blobDelegator)
  scope: data
  properties: { principalId: gateway.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDelegator) }
}

// operator: drain the queue, park bad messages, move job records; read manifests and shard
// reports, merge results, sign each worker's URLs with a user-delegation key.
resource operatorProcess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobQueue.id, operator.id, roles.queueMessageProcessor)
  scope: jobQueue
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageProcessor) }
}
resource operatorPoison 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobPoisonQueue.id, operator.id, roles.queueMessageSender)
  scope: jobPoisonQueue
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueMessageSender) }
}
resource operatorTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobTable.id, operator.id, roles.tableDataContributor)
  scope: jobTable
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor) }
}
resource operatorUploads 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(uploads.id, operator.id, roles.blobDataReader)
  scope: uploads
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader) }
}
resource operatorResults 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(results.id, operator.id, roles.blobDataContributor)
  scope: results
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor) }
}
resource operatorDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data.id, operator.id, roles.blobDelegator)
  scope: data
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDelegator) }
}

// aci launcher with the image in this registry: an identity that can only pull it, which the
// operator assigns to the container groups it creates.
resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (aciLauncher) {
  name: 'biotrack-acrpull'
  location: location
}
resource pullAcr 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (aciLauncher) {
  name: guid(registry.id, 'biotrack-acrpull', roles.acrPull)
  scope: registry
  properties: { principalId: pull.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull) }
}
resource operatorAssignsPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (aciLauncher) {
  name: guid(pull.id, operator.id, roles.managedIdentityOperator)
  scope: pull
  properties: { principalId: operator.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.managedIdentityOperator) }
}

output registryLoginServer string = registry.properties.loginServer
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL
output gatewayClientId string = gateway.properties.clientId
output operatorClientId string = operator.properties.clientId
output operatorPrincipalId string = operator.properties.principalId
output pullIdentityId string = aciLauncher ? pull.id : ''
