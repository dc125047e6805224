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
