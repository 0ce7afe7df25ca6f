{{/* The chart is installed once per namespace: every object is named after the chart (the service). */}}
{{- define "app.fullname" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: these also select the pods in the platform NetworkPolicies. */}}
{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- range $key, $value := .Values.commonLabels }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* The image, pinned by digest: rendering fails without one, so nothing mutable ever ships. */}}
{{- define "app.image" -}}
{{- printf "%s@%s" .Values.image.repository (required "image.digest must be the sha256 digest of the signed image (helm ... --set image.digest=sha256:...)" .Values.image.digest) -}}
{{- end -}}
