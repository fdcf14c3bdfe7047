{{/* Names, labels and the pieces every workload shares. */}}

{{- define "biotrack.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name prefix: the release name, or release-chart when it lacks the chart name. */}}
{{- define "biotrack.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* A component's resource name: {fullname}-{component}. Call with (list $ "gateway"). */}}
{{- define "biotrack.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "biotrack.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "biotrack.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "biotrack.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: biotrack
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- end }}

{{- define "biotrack.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "biotrack.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* registry/repository:tag of a component's image. Call with (list $ .Values.gateway.image). */}}
{{- define "biotrack.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $tag := $image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- if $root.Values.image.registry }}
{{- printf "%s/%s:%s" $root.Values.image.registry $image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $image.repository $tag }}
{{- end }}
{{- end }}

{{/* A component's ServiceAccount name. Call with (list $ "gateway" .Values.gateway.serviceAccount). */}}
{{- define "biotrack.serviceAccountName" -}}
{{- $sa := index . 2 -}}
{{- if $sa.name }}{{ $sa.name }}{{ else }}{{ include "biotrack.componentName" (list (index . 0) (index . 1)) }}{{ end }}
{{- end }}

{{/* Storage endpoints: the explicit value or the account's public endpoint. */}}
{{- define "biotrack.storageEndpoint" -}}
{{- $storage := index . 0 -}}
{{- $service := index . 1 -}}
{{- $explicit := get $storage (printf "%sEndpoint" $service) -}}
{{- if $explicit }}{{ $explicit }}{{ else if $storage.accountName }}{{ printf "https://%s.%s.core.windows.net" $storage.accountName $service }}{{ end }}
{{- end }}

{{/* Pod labels that make the workload identity webhook project an Azure token. */}}
{{- define "biotrack.workloadIdentityPodLabels" -}}
{{- if .Values.workloadIdentity.enabled -}}
azure.workload.identity/use: "true"
{{- end }}
{{- end }}

{{/* ServiceAccount annotations for workload identity. Call with (list $ serviceAccountValues). */}}
{{- define "biotrack.serviceAccountAnnotations" -}}
{{- $root := index . 0 -}}
{{- $sa := index . 1 -}}
{{- $annotations := dict -}}
{{- if and $root.Values.workloadIdentity.enabled $sa.workloadIdentityClientId }}
{{- $_ := set $annotations "azure.workload.identity/client-id" $sa.workloadIdentityClientId -}}
{{- if $root.Values.workloadIdentity.tenantId }}
{{- $_ := set $annotations "azure.workload.identity/tenant-id" $root.Values.workloadIdentity.tenantId -}}
{{- end }}
{{- end }}
{{- $annotations = merge $annotations $sa.annotations -}}
{{- if $annotations -}}
annotations:
  {{- toYaml $annotations | nindent 2 }}
{{- end }}
{{- end }}

{{/* Environment every Biotrack process gets: the storage settings and the dev connection string. */}}
{{- define "biotrack.storageEnv" -}}
- name: BIOTRACK_STORAGE
  value: azure
{{- with .Values.storage.connectionStringSecret }}
{{- if .name }}
- name: BIOTRACK_AZURE_CONNECTION_STRING
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by the gateway and the operator. */}}
{{- define "biotrack.podSpecCommon" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $values := index . 2 -}}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
affinity:
{{- if $values.affinity }}
  {{- toYaml $values.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "biotrack.selectorLabels" (list $root $component) | nindent 14 }}
{{- end }}
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end }}

{{/* The JVM writes to /tmp (unpacked native libraries, temporary files); the root fs is read-only. */}}
{{- define "biotrack.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{- define "biotrack.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* The rollout checksum of a rendered template, so pods restart when their settings change. */}}
{{- define "biotrack.checksum" -}}
{{- $root := index . 0 -}}
{{- include (print $root.Template.BasePath "/" (index . 1)) $root | sha256sum }}
{{- end }}

{{/* NetworkPolicy egress of every Biotrack pod. */}}
{{- define "biotrack.egressDnsHttps" -}}
# DNS, and HTTPS to Azure Storage, Entra ID, ARM and the API server.
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- to:
    - ipBlock:
        cidr: {{ .Values.networkPolicy.egressCidr }}
  ports:
    - port: 443
      protocol: TCP
{{- end }}
{{- define "biotrack.metricsFrom" -}}
- namespaceSelector:
    {{- toYaml .Values.networkPolicy.metricsNamespaceSelector | nindent 4 }}
{{- end }}
