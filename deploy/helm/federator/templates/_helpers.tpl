{{- define "federator.labels" -}}
app.kubernetes.io/name: federator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "federator.selector" -}}
app.kubernetes.io/name: federator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "federator.namespaces" -}}
{{- if .Values.watchNamespaces }}{{ join "," .Values.watchNamespaces }}{{ else }}JOSDK_ALL_NAMESPACES{{ end }}
{{- end }}

{{- /* A shard's Deployment and PodDisruptionBudget: the release name, plus the key for a named shard. */ -}}
{{- define "federator.shardName" -}}
{{- if .shard }}{{ printf "%s-%s" .root.Release.Name .shard }}{{ else }}{{ .root.Release.Name }}{{ end }}
{{- end }}

{{- /* A shard's pods. Without shards the default Deployment keeps the selector it always had (a Deployment's
       selector cannot change in place; docs/sharding.md says how to turn sharding on in a running release). */ -}}
{{- define "federator.shardSelector" -}}
{{ include "federator.selector" .root }}
{{- if or .shard .root.Values.shards }}
federator.dev/shard: {{ .shard | default "default" | quote }}
{{- end }}
{{- end }}
