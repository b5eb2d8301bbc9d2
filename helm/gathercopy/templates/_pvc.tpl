{{/*
A PersistentVolumeClaim for one component; call with
(dict "context" $ "component" "storage" "name" "<claim name>" "persistence" .Values.storage.persistence).
*/}}
{{- define "gathercopy.pvc" -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ .name }}
  namespace: {{ .context.Release.Namespace }}
  labels:
    {{- include "gathercopy.labels" (dict "context" .context "component" .component) | nindent 4 }}
  {{- if or .persistence.keep .persistence.annotations }}
  annotations:
    {{- if .persistence.keep }}
    helm.sh/resource-policy: keep
    {{- end }}
    {{- with .persistence.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  accessModes:
    - {{ .persistence.accessMode }}
  {{- if eq .persistence.storageClass "-" }}
  storageClassName: ""
  {{- else if .persistence.storageClass }}
  storageClassName: {{ .persistence.storageClass | quote }}
  {{- end }}
  resources:
    requests:
      storage: {{ .persistence.size | quote }}
{{- end }}
