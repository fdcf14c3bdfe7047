// The operator's rights in the workers' resource group (aci launcher): Contributor, scoped to that
// group only, as docs/deploy-aks.md section 5 grants it.
param operatorPrincipalId string

var contributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')

resource operatorContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, operatorPrincipalId, contributor)
  properties: {
    principalId: operatorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: contributor
  }
}
