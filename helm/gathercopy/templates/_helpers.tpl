{{/* Chart name, cut to the 63 characters of a DNS label. */}}
{{- define "gathercopy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name: "<release>-<chart>", or the release name alone when it already holds the chart name.
Cut to 48 characters so that "-storage" and the other suffixes still fit a DNS label.
*/}}
{{- define "gathercopy.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 48 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "gathercopy.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "gathercopy.storage.fullname" -}}
{{- printf "%s-storage" (include "gathercopy.fullname" .) }}
{{- end }}

{{- define "gathercopy.agent.fullname" -}}
{{- printf "%s-agent" (include "gathercopy.fullname" .) }}
{{- end }}

{{/* Labels that select the pods of one component; call with (dict "context" $ "component" "storage"). */}}
{{- define "gathercopy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gathercopy.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Every label of a resource of one component; call like gathercopy.selectorLabels. */}}
{{- define "gathercopy.labels" -}}
helm.sh/chart: {{ include "gathercopy.chart" .context }}
{{ include "gathercopy.selectorLabels" . }}
app.kubernetes.io/version: {{ .context.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: {{ include "gathercopy.name" .context }}
app.kubernetes.io/managed-by: {{ .context.Release.Service }}
{{- end }}

{{- define "gathercopy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "gathercopy.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "gathercopy.authSecretName" -}}
{{- default (printf "%s-auth" (include "gathercopy.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/*
The token the chart's own Secret holds: auth.token when given, else the token already in the Secret (kept across
upgrades), else 40 fresh random characters. `helm template` and --dry-run see no Secret and show a fresh one.
*/}}
{{- define "gathercopy.authToken" -}}
{{- if .Values.auth.token }}
{{- .Values.auth.token }}
{{- else }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "gathercopy.authSecretName" .) }}
{{- $kept := "" }}
{{- if $existing }}
{{- $kept = index ($existing.data | default dict) .Values.auth.existingSecretKey | default "" | b64dec }}
{{- end }}
{{- $kept | default (randAlphaNum 40) }}
{{- end }}
{{- end }}

{{/* "repository:tag" with the tag defaulting to the chart's appVersion; call with (dict "image" .x.image "context" $). */}}
{{- define "gathercopy.image" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .context.Chart.AppVersion | toString) }}
{{- end }}

{{- define "gathercopy.storageUrl" -}}
{{- if .Values.agent.storage.url }}
{{- .Values.agent.storage.url }}
{{- else }}
{{- printf "http://%s.%s.svc:%v" (include "gathercopy.storage.fullname" .) .Release.Namespace .Values.storage.service.port }}
{{- end }}
{{- end }}

{{/* The claim a component's volume comes from; call with the component's persistence values and its default name. */}}
{{- define "gathercopy.claimName" -}}
{{- default .defaultName .persistence.existingClaim }}
{{- end }}

{{- define "gathercopy.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
fsGroupChangePolicy: {{ .Values.securityContext.fsGroupChangePolicy }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "gathercopy.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Environment of the token, shared by both services; call with (dict "context" $ "names" (list "STORAGE_AUTH_TOKENS_0_TOKEN")). */}}
{{- define "gathercopy.tokenEnv" -}}
{{- range .names }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ include "gathercopy.authSecretName" $.context }}
      key: {{ $.context.Values.auth.existingSecretKey }}
{{- end }}
{{- end }}

{{/* Startup, liveness and readiness probes on Spring Boot's health groups; call with (dict "probes" .x.probes). */}}
{{- define "gathercopy.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.startup.periodSeconds }}
  timeoutSeconds: {{ .probes.startup.timeoutSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end }}

{{/* Pod annotations for Prometheus' annotation-based discovery; call with (dict "context" $ "port" 8080). */}}
{{- define "gathercopy.scrapeAnnotations" -}}
{{- if .context.Values.monitoring.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- end }}

{{/* Fails the release with a clear message when values that the schema cannot relate contradict each other. */}}
{{- define "gathercopy.validateValues" -}}
{{- $errors := list }}
{{- if and (gt (int .Values.storage.replicaCount) 1) (ne .Values.storage.persistence.accessMode "ReadWriteMany") }}
{{- $errors = append $errors (printf "storage.replicaCount is %d but storage.persistence.accessMode is %s: more than one storage pod needs a ReadWriteMany volume that every pod shares. Set storage.persistence.accessMode=ReadWriteMany or storage.replicaCount=1." (int .Values.storage.replicaCount) .Values.storage.persistence.accessMode) }}
{{- end }}
{{- if gt (int .Values.agent.replicaCount) 1 }}
{{- $errors = append $errors (printf "agent.replicaCount is %d: working copies and their locks live in one agent process, so the agent runs as 0 or 1 pod." (int .Values.agent.replicaCount)) }}
{{- end }}
{{- if and .Values.auth.existingSecret .Values.auth.token }}
{{- $errors = append $errors "auth.token and auth.existingSecret are both set: give the token in one place only." }}
{{- end }}
{{- if .Values.networkPolicy.enabled }}
{{- with .Values.networkPolicy.prometheus }}
{{- if and (empty .namespaceLabels) (empty .podLabels) }}
{{- $errors = append $errors "networkPolicy.prometheus.namespaceLabels and podLabels are both empty: that would admit every pod of the namespace to storage. Name the Prometheus pods." }}
{{- end }}
{{- end }}
{{- if and .Values.storage.ingress.enabled (empty .Values.networkPolicy.ingressController.namespaceLabels) (empty .Values.networkPolicy.ingressController.podLabels) }}
{{- $errors = append $errors "storage.ingress.enabled needs networkPolicy.ingressController.namespaceLabels or podLabels, so the NetworkPolicy admits the ingress controller and nothing more." }}
{{- end }}
{{- end }}
{{- $reserved := include "gathercopy.podEnvNames" . | fromYamlArray }}
{{- range $component := list "storage" "agent" }}
{{- $settings := include (printf "gathercopy.%s.settings" $component) $ | fromYaml }}
{{- range $name, $_ := (index $.Values $component).extraEnv }}
{{- if or (hasKey $settings $name) (has $name $reserved) }}
{{- $errors = append $errors (printf "%s.extraEnv.%s is set by the chart itself: use the chart's own value for it." $component $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nInvalid values for the gathercopy chart:\n  - %s" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}

{{/*
Settings of the storage service as environment variables in Spring's canonical relaxed-binding form (dots become
underscores, dashes are dropped); they override the application.properties packaged in the image.
*/}}
{{- define "gathercopy.storage.settings" -}}
STORAGE_ROOT: {{ .Values.storage.root | quote }}
STORAGE_LIMITS_MAXREGIONSPERREQUEST: {{ .Values.storage.limits.maxRegionsPerRequest | int64 | quote }}
STORAGE_LIMITS_MAXBYTESPERREQUEST: {{ .Values.storage.limits.maxBytesPerRequest | quote }}
STORAGE_LIMITS_MAXFILESIZE: {{ .Values.storage.limits.maxFileSize | quote }}
STORAGE_LIMITS_MAXOPENHANDLES: {{ .Values.storage.limits.maxOpenHandles | int64 | quote }}
STORAGE_HANDLES_TTL: {{ .Values.storage.handles.ttl | quote }}
STORAGE_HANDLES_SWEEPINTERVAL: {{ .Values.storage.handles.sweepInterval | quote }}
STORAGE_AUTH_TOKENS_0_NAME: {{ .Values.auth.tokenName | quote }}
{{- end }}

{{/* Settings of the agent, in the same form as gathercopy.storage.settings. */}}
{{- define "gathercopy.agent.settings" -}}
AGENT_WORKSPACE: {{ .Values.agent.workspace | quote }}
AGENT_STORAGE_URL: {{ include "gathercopy.storageUrl" . | quote }}
AGENT_STORAGE_CONNECTTIMEOUT: {{ .Values.agent.storage.connectTimeout | quote }}
AGENT_STORAGE_READTIMEOUT: {{ .Values.agent.storage.readTimeout | quote }}
AGENT_PUSH_VERIFY: {{ .Values.agent.push.verify | toString | quote }}
AGENT_AUTH_TOKENS_0_NAME: {{ .Values.auth.tokenName | quote }}
{{- end }}

{{/* Names the pods set outside their ConfigMap: extraEnv must not shadow them. */}}
{{- define "gathercopy.podEnvNames" -}}
- JAVA_TOOL_OPTIONS
- STORAGE_AUTH_TOKENS_0_TOKEN
- AGENT_STORAGE_TOKEN
- AGENT_AUTH_TOKENS_0_TOKEN
{{- end }}

{{/* Ports the services listen on: server.port in their packaged application.properties. */}}
{{- define "gathercopy.storage.containerPort" -}}
8080
{{- end }}

{{- define "gathercopy.agent.containerPort" -}}
8090
{{- end }}

{{/*
A NetworkPolicy peer from namespace and pod labels: no namespace labels means the release's namespace, no pod labels
every pod of the selected namespaces. Call with a dict holding namespaceLabels and podLabels.
*/}}
{{- define "gathercopy.networkPeer" -}}
{{- $peer := dict "podSelector" (dict) }}
{{- with .namespaceLabels }}
{{- $_ := set $peer "namespaceSelector" (dict "matchLabels" .) }}
{{- end }}
{{- with .podLabels }}
{{- $_ := set $peer "podSelector" (dict "matchLabels" .) }}
{{- end }}
{{- list $peer | toYaml }}
{{- end }}
