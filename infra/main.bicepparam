using 'main.bicep'

// Globally unique names: change them.
param location = 'westeurope'
param registryName = 'biotrackacr12345'
param dataAccountName = 'biotrackdata12345'
param modelsAccountName = 'biotrackmodels12345'
param virtualNode = false
param aciLauncher = true
